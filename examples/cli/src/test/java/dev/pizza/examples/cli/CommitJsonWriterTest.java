package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pizza.ChangeKind;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.FileChange;
import dev.pizza.Identity;
import dev.pizza.Signature;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CommitJsonWriterTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Signature at(String name, String email, ZoneOffset offset) {
    return new Signature(new Identity(name, email), Instant.parse("2024-05-01T12:00:00Z"), offset);
  }

  static String jsonl(CommitRecord... records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CommitJsonWriter w = new CommitJsonWriter(out, true)) {
      for (CommitRecord r : records) {
        w.write(r);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void utcTime_hasANumericOffset_andEveryFieldIsThere() throws Exception {
    Signature utc = at("A", "a@example.com", ZoneOffset.UTC);
    CommitRecord r = CommitRecord.of(CommitId.of("a".repeat(40)), List.of(), utc, utc, "subject");

    Object parsed = JSON.readValue(jsonl(r), Object.class);

    assertThat(parsed)
        .isEqualTo(
            Map.of(
                "id", "a".repeat(40),
                "parents", List.of(),
                "author",
                    Map.of(
                        "name", "A", "email", "a@example.com", "time", "2024-05-01T12:00:00+00:00"),
                "committer",
                    Map.of(
                        "name", "A", "email", "a@example.com", "time", "2024-05-01T12:00:00+00:00"),
                "subject", "subject",
                "message", "subject",
                "coAuthors", List.of(),
                "trailers", Map.of()));
  }

  @Test
  void lineStats_becomeAFilesArray_oldPathOnlyForRenames_noCountsForBinary() throws Exception {
    Signature utc = at("A", "a@example.com", ZoneOffset.UTC);
    CommitRecord r =
        CommitRecord.of(CommitId.of("a".repeat(40)), List.of(), utc, utc, "subject")
            .withFiles(
                List.of(
                    new FileChange("a.txt", null, ChangeKind.MODIFIED, 3, 1, false, false),
                    new FileChange("new.txt", "old.txt", ChangeKind.RENAMED, 0, 0, false, false),
                    new FileChange("logo.png", null, ChangeKind.ADDED, 0, 0, true, false),
                    new FileChange("big.csv", null, ChangeKind.MODIFIED, 0, 0, false, true)));

    Map<?, ?> parsed = JSON.readValue(jsonl(r), Map.class);

    assertThat(parsed.get("files"))
        .isEqualTo(
            List.of(
                Map.of(
                    "path", "a.txt", "kind", "MODIFIED", "added", 3, "removed", 1, "binary", false),
                Map.of(
                    "path", "new.txt", "oldPath", "old.txt", "kind", "RENAMED", "added", 0,
                    "removed", 0, "binary", false),
                Map.of("path", "logo.png", "kind", "ADDED", "binary", true),
                Map.of("path", "big.csv", "kind", "MODIFIED", "binary", false, "tooLarge", true)));
  }

  @Test
  void noLineStats_noFilesField() throws Exception {
    Signature utc = at("A", "a@example.com", ZoneOffset.UTC);
    CommitRecord r = CommitRecord.of(CommitId.of("a".repeat(40)), List.of(), utc, utc, "subject");

    assertThat(JSON.readValue(jsonl(r), Map.class)).doesNotContainKey("files");
  }

  @Test
  void anyMessage_isOneLine_andParsesBackToTheSameText() throws Exception {
    Random random = new Random(42);
    Signature s = at("N", "n@example.com", ZoneOffset.ofHoursMinutes(-5, -30));
    CommitRecord[] records = new CommitRecord[500];
    for (int n = 0; n < records.length; n++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        int cp =
            random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(Character.MAX_CODE_POINT);
        if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
          b.appendCodePoint(cp);
        }
      }
      records[n] =
          CommitRecord.of(CommitId.of(String.format("%040x", n)), List.of(), s, s, b.toString());
    }

    String out = jsonl(records);

    List<String> lines = out.lines().toList();
    assertThat(out).endsWith("\n");
    assertThat(lines).hasSize(records.length);
    for (int n = 0; n < records.length; n++) {
      Map<?, ?> o = JSON.readValue(lines.get(n), Map.class);
      assertThat(o.get("message")).isEqualTo(records[n].message());
      assertThat(lines.get(n).chars().filter(c -> c < 0x20)).as("raw controls").isEmpty();
    }
  }

  @Test
  void handWrittenTimes_equalTheFormattersOutput_fromYear0To9999_atAnyOffset() throws Exception {
    DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);
    Random random = new Random(7);
    List<Signature> times = new ArrayList<>();
    long[] edges = {
      0, -1, 1, 951_782_400L /* 2000-02-29 */, 253_402_300_799L, -62_167_219_200L, 4_102_444_800L
    };
    int[] offsets = {0, 60, -60, 19_800, -34_200, 18 * 3600, -18 * 3600, 45 * 60, -30, 3_599};
    for (long e : edges) {
      for (int o : offsets) {
        times.add(new Signature(new Identity("n", "e"), Instant.ofEpochSecond(e), of(o)));
      }
    }
    for (int i = 0; i < 2_000; i++) {
      long seconds = random.nextLong(-62_167_219_200L + 18 * 3600, 253_402_300_799L - 18 * 3600);
      int offset = (random.nextInt(18 * 60 * 2 + 1) - 18 * 60) * 60;
      times.add(new Signature(new Identity("n", "e"), Instant.ofEpochSecond(seconds), of(offset)));
    }
    CommitRecord[] records = new CommitRecord[times.size()];
    for (int i = 0; i < records.length; i++) {
      Signature s = times.get(i);
      records[i] = CommitRecord.of(CommitId.of(String.format("%040x", i)), List.of(), s, s, "m");
    }

    List<String> lines = jsonl(records).lines().toList();

    for (int i = 0; i < records.length; i++) {
      Map<?, ?> author = (Map<?, ?>) JSON.readValue(lines.get(i), Map.class).get("author");
      assertThat(author.get("time")).isEqualTo(iso.format(times.get(i).time()));
    }
  }

  private static ZoneOffset of(int seconds) {
    return ZoneOffset.ofTotalSeconds(seconds);
  }
}
