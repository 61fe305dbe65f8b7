package dev.pizza.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Signature;
import dev.pizza.spi.CommitStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The in-memory source yields exactly reach(include) minus reach(exclude), each once. */
class InMemoryCommitSourceProperties {

  @Property(tries = 200)
  void walk_isIncludeMinusExclude_eachOnce(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int n) throws Exception {
    Random rnd = new Random(seed);
    List<CommitRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<CommitId> parents = new ArrayList<>();
      int k = i == 0 ? 0 : rnd.nextInt(3);
      for (int j = 0; j < k; j++) {
        CommitId p = records.get(rnd.nextInt(i)).id();
        if (!parents.contains(p)) {
          parents.add(p);
        }
      }
      Signature s =
          new Signature(
              new Identity("n", "e"), Instant.ofEpochSecond(rnd.nextInt()), ZoneOffset.UTC);
      records.add(
          CommitRecord.of(CommitId.of(String.format("%040x", i + 1)), parents, s, s, "m" + i));
    }
    InMemoryCommitSource source = InMemoryCommitSource.of(records);
    List<CommitId> include = pick(records, rnd);
    List<CommitId> exclude = pick(records, rnd);

    List<CommitId> walked = new ArrayList<>();
    try (CommitStream s = source.walk(include, exclude)) {
      for (CommitRecord r = s.next(); r != null; r = s.next()) {
        walked.add(r.id());
      }
    }
    Set<CommitId> expected = reach(records, include);
    expected.removeAll(reach(records, exclude));
    assertThat(walked).doesNotHaveDuplicates();
    assertThat(new HashSet<>(walked)).isEqualTo(expected);
  }

  private static List<CommitId> pick(List<CommitRecord> records, Random rnd) {
    List<CommitId> out = new ArrayList<>();
    for (int i = rnd.nextInt(3); i > 0; i--) {
      out.add(records.get(rnd.nextInt(records.size())).id());
    }
    return out;
  }

  private static Set<CommitId> reach(List<CommitRecord> records, List<CommitId> tips) {
    Set<CommitId> seen = new HashSet<>(tips);
    ArrayDeque<CommitId> todo = new ArrayDeque<>(tips);
    while (!todo.isEmpty()) {
      CommitId id = todo.pop();
      for (CommitRecord r : records) {
        if (r.id().equals(id)) {
          for (CommitId p : r.parents()) {
            if (seen.add(p)) {
              todo.push(p);
            }
          }
        }
      }
    }
    return seen;
  }
}
