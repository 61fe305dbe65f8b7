package dev.pizza.jgit.internal.walk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitId;
import dev.pizza.jgit.TestRepository;
import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ObjectSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Over random commit graphs (merges of two to five parents, so that some parent lines run past the
 * head the first pass inflates, dates in any order, several tips sharing history), the first pass
 * of a full parents-first walk, over packed or loose objects, lists every commit reachable from the
 * tips exactly once, each after all of its parents, whether or not it records generations.
 */
class PostOrderProperties {

  @Property(tries = 30)
  void everyReachableCommitOnce_afterItsParents(@ForAll long seed) throws Exception {
    Random rnd = new Random(seed);
    Path dir = Files.createTempDirectory("pizza-postorder");
    try (TestRepository repo = TestRepository.createBare(dir.resolve("repo.git"))) {
      List<ObjectId> commits = new ArrayList<>();
      int n = 1 + rnd.nextInt(120);
      for (int i = 0; i < n; i++) {
        int parents = commits.isEmpty() ? 0 : rnd.nextInt(8) == 0 ? 2 + rnd.nextInt(4) : 1;
        Set<ObjectId> chosen = new HashSet<>();
        for (int p = 0; p < parents; p++) {
          chosen.add(commits.get(rnd.nextInt(commits.size())));
        }
        long date = 1_600_000_000L + rnd.nextInt(1_000_000);
        commits.add(repo.commit(date, chosen.toArray(ObjectId[]::new)));
      }
      List<CommitId> tips = new ArrayList<>();
      for (int t = 0, k = 1 + rnd.nextInt(4); t < k; t++) {
        tips.add(Ids.commitId(commits.get(commits.size() - 1 - rnd.nextInt(commits.size()))));
      }

      if (rnd.nextBoolean()) {
        // Packed, the first pass inflates commit heads; loose, whole commits.
        Git.wrap(repo.repository()).gc().call();
      }

      Map<String, List<String>> parents = new HashMap<>();
      try (RevWalk walk = new RevWalk(repo.repository())) {
        for (CommitId tip : tips) {
          walk.markStart(walk.parseCommit(ObjectId.fromString(tip.hex())));
        }
        for (RevCommit c = walk.next(); c != null; c = walk.next()) {
          List<String> ps = new ArrayList<>();
          for (RevCommit p : c.getParents()) {
            ps.add(p.name());
          }
          parents.put(c.name(), ps);
        }
      }

      for (boolean record : new boolean[] {false, true}) {
        try (ObjectSource objects = ObjectSources.open(repo.repository())) {
          PostOrder order =
              new PostOrder(objects, tips, false, record ? new GenerationRecorder() : null);
          List<String> listed = new ArrayList<>();
          for (int i = 0; i < order.size(); i++) {
            listed.add(objects.name(order.positions()[i]));
          }
          assertThat(listed).as("seed %d", seed).doesNotHaveDuplicates();
          assertThat(new HashSet<>(listed)).as("seed %d", seed).isEqualTo(parents.keySet());
          Set<String> seen = new HashSet<>();
          for (String c : listed) {
            assertThat(seen).as("parents of %s, seed %d", c, seed).containsAll(parents.get(c));
            seen.add(c);
          }
        }
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
