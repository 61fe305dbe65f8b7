package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.BakeResult;
import dev.pizza.CommitId;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryId;
import dev.pizza.RepositoryUrl;
import dev.pizza.errors.SinkException;
import dev.pizza.testing.FailingCommitSink;
import dev.pizza.testing.InMemoryCommitSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Over random commit graphs (random merges, skewed dates, several branches and tags) grown, and
 * sometimes rewound, between rounds, each round's bake is interrupted at random batch boundaries
 * (the sink throws instead of an accept, a retraction or a checkpoint save) and then resumed, with
 * a checkpoint saved after every batch into an exactly-once sink. Some rounds leave their bake
 * interrupted, so new commits, tags and force-pushes (and, through a {@code file:} URL, the packs a
 * fetch adds to the store's copy) land between an interruption and its resume: the real walks'
 * orders must not depend on packs. The union of deliveries is the reachable set; no commit is
 * committed while the sink holds it; without rewrites no commit is even sent twice, except a batch
 * whose checkpoint save was the interrupted call.
 */
class InterruptedBakeProperties {

  @Property(tries = 25)
  void interruptedBakes_deliverTheReachableSet_eachCommitOnce(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int rounds) throws Exception {
    run(seed, rounds, false);
  }

  @Property(tries = 25)
  void interruptedBakesOfRewrittenHistory_endAtTheReachableSet(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int rounds) throws Exception {
    run(seed, rounds, true);
  }

  private static void run(long seed, int rounds, boolean rewrites) throws Exception {
    Path tmp = Files.createTempDirectory("pizza-interrupt");
    Random rnd = new Random(seed);
    int batch = 1 + rnd.nextInt(5);
    JGitBackendBuilder backend = JGitBackend.builder().storeDirectory(tmp.resolve("store"));
    if (rnd.nextBoolean()) {
      backend.generationsDirectory(tmp.resolve("generations"));
    }
    String url =
        rnd.nextBoolean()
            ? tmp.resolve("origin.git").toString()
            : tmp.resolve("origin.git").toUri().toString();
    RepositoryId id = RepositoryUrl.parse(url).id();
    try (TestRepository repo = TestRepository.createBare(tmp.resolve("origin.git"));
        PizzaOven oven =
            PizzaOven.builder()
                .backend(backend.build())
                .allowLocalRepositories(true)
                .batchSize(batch)
                .intermediateCheckpoints(1, Duration.ZERO)
                .build()) {
      InMemoryCommitSink inner = new InMemoryCommitSink();
      FailingCommitSink sink = new FailingCommitSink(inner);
      List<ObjectId> commits = new ArrayList<>();
      String[] branches = {"main", "dev", "topic"};
      ObjectId[] tips = new ObjectId[branches.length];
      for (int round = 0; round < rounds; round++) {
        for (int i = rnd.nextInt(20); i > 0; i--) {
          int b = rnd.nextInt(branches.length);
          List<ObjectId> parents = new ArrayList<>();
          if (tips[b] != null) {
            parents.add(tips[b]);
          } else if (!commits.isEmpty() && rnd.nextBoolean()) {
            parents.add(commits.get(rnd.nextInt(commits.size())));
          }
          if (!commits.isEmpty() && rnd.nextInt(4) == 0) {
            ObjectId other = commits.get(rnd.nextInt(commits.size()));
            if (!parents.contains(other)) {
              parents.add(other);
            }
          }
          long date = 1_300_000_000L + (long) rnd.nextInt(315_360_000);
          ObjectId c = repo.commit(date, parents.toArray(ObjectId[]::new));
          commits.add(c);
          tips[b] = c;
          repo.branch(branches[b], c);
        }
        if (!commits.isEmpty() && rnd.nextInt(3) == 0) {
          repo.tag("t" + round, commits.get(rnd.nextInt(commits.size())));
        }
        if (rewrites && !commits.isEmpty() && rnd.nextBoolean()) {
          int b = rnd.nextInt(branches.length);
          if (rnd.nextInt(3) == 0) {
            repo.deleteRef(Constants.R_HEADS + branches[b]);
            tips[b] = null;
          } else {
            tips[b] = commits.get(rnd.nextInt(commits.size()));
            repo.branch(branches[b], tips[b]);
          }
        }
        Set<CommitId> reachable = Reachable.fromBranchesAndTags(repo.repository());

        BakeResult result = null;
        for (int k = rnd.nextInt(4); k > 0 && result == null; k--) {
          sink.failAt(sink.calls() + 1 + rnd.nextInt(2 + reachable.size() / batch));
          try {
            result = oven.bake(url, sink);
          } catch (SinkException e) {
            assertThat(e).hasMessageContaining("interrupted");
          }
        }
        sink.failAt(-1);
        boolean leave = round < rounds - 1 && rnd.nextInt(3) == 0;
        if (result == null && !leave) {
          result = oven.bake(url, sink);
        }
        assertThat(inner.redelivered())
            .as("committed while held, round %d (seed %d)", round, seed)
            .isEmpty();
        if (result == null) {
          continue; // left interrupted: the next round changes the graph, then resumes
        }

        assertThat(inner.ids(id))
            .as("sink's set after round %d (seed %d)", round, seed)
            .isEqualTo(reachable);
        assertThat(result.resynced()).as("resynced (seed %d)", seed).isFalse();
        if (!rewrites) {
          Set<CommitId> fresh = new HashSet<>(reachable);
          fresh.removeAll(
              Reachable.from(repo.repository(), result.oldCheckpoint().tips().values()));
          assertThat(result.alreadyDelivered() + result.newCommits())
              .as("already delivered plus delivered, round %d (seed %d)", round, seed)
              .isEqualTo(fresh.size());
          assertThat(inner.deliveries()).as("committed (seed %d)", seed).doesNotHaveDuplicates();
          long duplicates = sink.accepted().size() - new HashSet<>(sink.accepted()).size();
          assertThat(duplicates)
              .as("redelivered, with %d interrupted saves (seed %d)", sink.failedSaves(), seed)
              .isLessThanOrEqualTo((long) batch * sink.failedSaves());
        }
      }
    } finally {
      deleteTree(tmp);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
