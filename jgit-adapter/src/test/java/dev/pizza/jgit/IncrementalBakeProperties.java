package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitId;
import dev.pizza.PizzaOven;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Over random commit graphs (random merges, random and skewed dates, several branches and tags)
 * grown between bakes, the bakes together deliver exactly the reachable commits, none twice; and
 * when refs are also rewound, the sink's view (delivered minus retracted) is the reachable set.
 */
class IncrementalBakeProperties {

  @Property(tries = 60)
  void growingHistory_unionOfBakes_isReachableSet_withoutDuplicates(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int bakes) throws Exception {
    runScenario(seed, bakes, false);
  }

  @Property(tries = 60)
  void rewrittenHistory_deliveredMinusRetracted_isReachableSet(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int bakes) throws Exception {
    runScenario(seed, bakes, true);
  }

  private static void runScenario(long seed, int bakes, boolean rewrites) throws Exception {
    Path tmp = Files.createTempDirectory("pizza-prop");
    Random rnd = new Random(seed);
    JGitBackendBuilder backend = JGitBackend.builder().storeDirectory(tmp.resolve("store"));
    if (rnd.nextBoolean()) {
      // Local paths then keep generation numbers between bakes, as mirrors always do.
      backend.generationsDirectory(tmp.resolve("generations"));
    }
    try (TestRepository repo = TestRepository.createBare(tmp.resolve("origin.git"));
        PizzaOven oven =
            PizzaOven.builder()
                .backend(backend.build())
                .allowLocalRepositories(true)
                .batchSize(7)
                .build()) {
      RecordingSink sink = new RecordingSink();
      List<ObjectId> commits = new ArrayList<>();
      String[] branches = {"main", "dev", "topic"};
      ObjectId[] tips = new ObjectId[branches.length];
      String url =
          rnd.nextBoolean()
              ? tmp.resolve("origin.git").toString()
              : tmp.resolve("origin.git").toUri().toString();
      // Over file://, half the origins honour the partial-clone filter: the mirror is then
      // treeless and every fetch (with rewrites) goes into a mirror without trees.
      repo.repository()
          .getConfig()
          .setBoolean("uploadpack", null, "allowFilter", rnd.nextBoolean());
      repo.repository().getConfig().save();
      Set<CommitId> view = new HashSet<>();
      for (int round = 0; round < bakes; round++) {
        int added = rnd.nextInt(12);
        for (int i = 0; i < added; i++) {
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
          // Dates anywhere in ten years, unrelated to the graph's order: maximal skew.
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
        int before = sink.delivered.size();
        int retractedBefore = sink.retracted.size();
        oven.bake(url, sink);
        sink.delivered.subList(before, sink.delivered.size()).forEach(r -> view.add(r.id()));
        sink.retracted.subList(retractedBefore, sink.retracted.size()).forEach(view::remove);

        Set<CommitId> reachable = Reachable.fromBranchesAndTags(repo.repository());
        assertThat(view)
            .as("sink's view after bake %d (seed %d)", round, seed)
            .isEqualTo(reachable);
        if (!rewrites) {
          assertThat(sink.deliveredIdList())
              .as("no duplicates (seed %d)", seed)
              .doesNotHaveDuplicates();
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
