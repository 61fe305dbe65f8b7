package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CommitWriter#inIdOrder} sorts by primitive keys parsed from the ids, not by the ids. */
class IdOrderTest {
  private static final Signature WHO =
      new Signature(new Identity("A", "a@example.com"), Instant.EPOCH, ZoneOffset.UTC);

  private static CommitRecord record(String hex) {
    return CommitRecord.of(new CommitId(hex), List.of(), WHO, WHO, "subject\n");
  }

  private static List<CommitRecord> randomRecords(Random random, int n) {
    List<CommitRecord> records = new ArrayList<>();
    byte[] bytes = new byte[20];
    for (int i = 0; i < n; i++) {
      random.nextBytes(bytes);
      records.add(record(HexFormat.of().formatHex(bytes)));
    }
    return records;
  }

  @Test
  void idsFromEightUpDoNotSortBeforeTheOthersAsNegativeKeysWould() {
    List<CommitRecord> records =
        List.of(
            record("f".repeat(40)),
            record("8" + "0".repeat(39)),
            record("7" + "f".repeat(39)),
            record("0".repeat(40)));

    assertThat(CommitWriter.inIdOrder(records))
        .containsExactlyElementsOf(
            records.stream().sorted(Comparator.comparing(CommitRecord::id)).toList());
  }

  @Test
  void batchesOfEverySizeComeBackAsTheSameRecordsInIdOrder() {
    Random random = new Random(42);
    for (int n : new int[] {0, 1, 2, 3, 100, 1000, 1025}) {
      List<CommitRecord> records = randomRecords(random, n);

      List<CommitRecord> sorted = CommitWriter.inIdOrder(records);

      assertThat(sorted)
          .as("%d records", n)
          .containsExactlyElementsOf(
              records.stream().sorted(Comparator.comparing(CommitRecord::id)).toList());
    }
  }

  @Test
  void idsSharingTheirLeadingDigitsKeepTheirOrderOfDeliveryAndNoneIsLost() {
    String prefix = "0123456789abcdef";
    List<CommitRecord> records =
        List.of(
            record(prefix + "9".repeat(24)),
            record(prefix + "1".repeat(24)),
            record(prefix + "5".repeat(24)),
            record("0".repeat(40)));

    assertThat(CommitWriter.inIdOrder(records))
        .containsExactly(records.get(3), records.get(0), records.get(1), records.get(2));
  }
}
