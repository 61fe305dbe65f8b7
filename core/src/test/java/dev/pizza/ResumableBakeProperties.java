package dev.pizza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.errors.SinkException;
import dev.pizza.testing.FailingCommitSink;
import dev.pizza.testing.InMemoryCommitSink;
import dev.pizza.testing.InMemoryCommitSource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Bakes interrupted at random points (a sink call that throws: an accept, a retraction or a
 * checkpoint save) over random growing, and sometimes rewritten, commit graphs, with a checkpoint
 * saved after every batch into an exactly-once sink. Some rounds leave their bake interrupted, so
 * the next round's commits, tags and force-pushes land between an interruption and its resume.
 * After each bake that finishes, the sink's set is the reachable set; no commit is committed to the
 * sink while it holds it (each once, interrupted or not); without rewrites no commit is even sent
 * twice except the batch whose checkpoint save was interrupted; and a resumed bake's count of
 * commits already delivered plus its own is the range from its checkpoint's tips.
 */
class ResumableBakeProperties {
  private static final String URL = "https://example.com/org/repo";

  @Property(tries = 300)
  void interruptedGrowingHistory_deliversEachCommitOnce_andEndsAtTheReachableSet(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int rounds) throws Exception {
    run(seed, rounds, false);
  }

  @Property(tries = 300)
  void interruptedRewrittenHistory_endsAtTheReachableSet(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int rounds) throws Exception {
    run(seed, rounds, true);
  }

  private static void run(long seed, int rounds, boolean rewrites) throws Exception {
    RepositoryId repo = RepositoryUrl.parse(URL).id();
    Random rnd = new Random(seed);
    int batch = 1 + rnd.nextInt(4);
    InMemoryBackend backend = new InMemoryBackend();
    InMemoryCommitSink inner = new InMemoryCommitSink();
    FailingCommitSink sink = new FailingCommitSink(inner);
    List<CommitRecord> commits = new ArrayList<>();
    Map<CommitId, CommitRecord> byId = new HashMap<>();
    String[] branches = {"main", "dev", "topic"};
    Map<String, CommitId> tips = new LinkedHashMap<>();
    try (PizzaOven oven =
        PizzaOven.builder()
            .backend(backend)
            .batchSize(batch)
            .intermediateCheckpoints(1, Duration.ZERO)
            .build()) {
      for (int round = 0; round < rounds; round++) {
        for (int i = rnd.nextInt(25); i > 0; i--) {
          String b = branches[rnd.nextInt(branches.length)];
          List<CommitId> parents = new ArrayList<>();
          CommitId tip = tips.get("refs/heads/" + b);
          if (tip != null) {
            parents.add(tip);
          } else if (!commits.isEmpty() && rnd.nextBoolean()) {
            parents.add(commits.get(rnd.nextInt(commits.size())).id());
          }
          if (!commits.isEmpty() && rnd.nextInt(4) == 0) {
            CommitId other = commits.get(rnd.nextInt(commits.size())).id();
            if (!parents.contains(other)) {
              parents.add(other);
            }
          }
          Signature s =
              new Signature(
                  new Identity("n", "e"), Instant.ofEpochSecond(rnd.nextInt()), ZoneOffset.UTC);
          CommitRecord r =
              CommitRecord.of(
                  CommitId.of(String.format("%040x", commits.size() + 1)), parents, s, s, "m");
          commits.add(r);
          byId.put(r.id(), r);
          tips.put("refs/heads/" + b, r.id());
        }
        if (!commits.isEmpty() && rnd.nextInt(3) == 0) {
          tips.put("refs/tags/t" + round, commits.get(rnd.nextInt(commits.size())).id());
        }
        if (rewrites && !commits.isEmpty() && rnd.nextBoolean()) {
          String ref = "refs/heads/" + branches[rnd.nextInt(branches.length)];
          if (rnd.nextInt(3) == 0) {
            tips.remove(ref);
          } else {
            tips.put(ref, commits.get(rnd.nextInt(commits.size())).id());
          }
        }
        backend.set(InMemoryCommitSource.of(commits), tips);
        Set<CommitId> reachable = reach(byId, tips.values());

        BakeResult result = null;
        int interruptions = rnd.nextInt(4);
        for (int k = 0; k < interruptions && result == null; k++) {
          sink.failAt(sink.calls() + 1 + rnd.nextInt(2 + reachable.size() / batch));
          try {
            result = oven.bake(URL, sink); // it finished before the failure point
          } catch (SinkException e) {
            assertThat(e).hasMessageContaining("interrupted");
          }
        }
        sink.failAt(-1);
        boolean leave = round < rounds - 1 && rnd.nextInt(3) == 0;
        if (result == null && !leave) {
          result = oven.bake(URL, sink);
        }
        assertThat(inner.redelivered())
            .as("committed while held, round %d (seed %d)", round, seed)
            .isEmpty();
        if (result == null) {
          continue; // left interrupted: the next round changes the graph, then resumes
        }

        assertThat(inner.ids(repo))
            .as("sink's set after round %d (seed %d)", round, seed)
            .isEqualTo(reachable);
        if (!rewrites) {
          Set<CommitId> fresh = new HashSet<>(reachable);
          fresh.removeAll(reach(byId, result.oldCheckpoint().tips().values()));
          assertThat(result.alreadyDelivered() + result.newCommits())
              .as("already delivered plus delivered, round %d (seed %d): %s", round, seed, result)
              .isEqualTo(fresh.size());
          assertThat(result.resynced()).isFalse();
          assertThat(inner.deliveries()).as("committed (seed %d)", seed).doesNotHaveDuplicates();
          long duplicates = sink.accepted().size() - new HashSet<>(sink.accepted()).size();
          assertThat(duplicates)
              .as("redelivered, with %d interrupted saves (seed %d)", sink.failedSaves(), seed)
              .isLessThanOrEqualTo((long) batch * sink.failedSaves());
        }
      }
    }
  }

  @Property(tries = 1)
  void checkpoint_withACountOrOrderButNoTarget_isRejected() {
    assertThatThrownBy(() -> new Checkpoint(Map.of(), Map.of(), 3, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint(Map.of(), Map.of(), 0, "dfs"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Checkpoint.intermediate(Map.of(), Map.of(), 0, "dfs"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Set<CommitId> reach(Map<CommitId, CommitRecord> byId, Iterable<CommitId> tips) {
    Set<CommitId> seen = new HashSet<>();
    ArrayDeque<CommitId> todo = new ArrayDeque<>();
    tips.forEach(todo::push);
    while (!todo.isEmpty()) {
      CommitId id = todo.pop();
      if (seen.add(id)) {
        byId.get(id).parents().forEach(todo::push);
      }
    }
    return seen;
  }
}
