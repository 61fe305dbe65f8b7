package dev.pizza.jgit.internal.walk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.jgit.NativeGit;
import dev.pizza.jgit.TestRepository;
import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSources;
import dev.pizza.spi.CommitStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed bake skips the commits an interrupted one delivered by counting them in the walk's
 * order, so the order must be the same after a fetch that adds packs (which renumbers the object
 * positions walks use) and must break ties by commit id, not by position. Commits that share one
 * date (so their generations tie) are walked with all objects loose, packed in one pack, and spread
 * over two packs: the orders are equal, and the tied commits come by id, highest first.
 */
class RepeatableOrderTest {
  @TempDir Path tmp;

  @Test
  void walksOfTheSameRange_keepTheirOrder_whenObjectsMoveIntoPacks() throws Exception {
    NativeGit.assumeInstalled("to pack the objects");
    long t = 1_600_000_000L;
    Path dir = tmp.resolve("repo.git");
    try (TestRepository repo = TestRepository.createBare(dir)) {
      ObjectId root = repo.commit(t);
      List<ObjectId> tied = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        tied.add(repo.commit(t + 60, root));
      }
      ObjectId merge = repo.commit(t + 120, tied.subList(0, 20).toArray(ObjectId[]::new));
      repo.branch("main", merge);
      for (int i = 20; i < 40; i++) {
        repo.branch("b" + i, tied.get(i));
      }
      List<CommitId> include = new ArrayList<>();
      include.add(Ids.commitId(merge));
      tied.subList(20, 40).forEach(c -> include.add(Ids.commitId(c)));
      List<CommitId> exclude = List.of(Ids.commitId(root));

      List<CommitId> fullLoose = walk(dir, include, List.of());
      List<CommitId> rangeLoose = walk(dir, include, exclude);
      NativeGit.run(dir, "repack", "-a", "-d", "-q");
      List<CommitId> fullPacked = walk(dir, include, List.of());
      List<CommitId> rangePacked = walk(dir, include, exclude);
      // A fetch adds a pack of new objects beside the old one.
      for (int i = 0; i < 30; i++) {
        repo.branch("new" + i, repo.commit(t + 60, root));
      }
      NativeGit.run(dir, "repack", "-d", "-q");
      assertThat(dir.resolve("objects/pack").toFile().list((d, n) -> n.endsWith(".pack")))
          .hasSize(2);

      assertThat(walk(dir, include, List.of())).isEqualTo(fullPacked).isEqualTo(fullLoose);
      assertThat(walk(dir, include, exclude)).isEqualTo(rangePacked).isEqualTo(rangeLoose);
      List<CommitId> tiedInWalk =
          rangeLoose.stream().filter(c -> !c.equals(Ids.commitId(merge))).toList();
      assertThat(tiedInWalk)
          .hasSize(40)
          .isSortedAccordingTo(Comparator.<CommitId>naturalOrder().reversed());
    }
  }

  private static List<CommitId> walk(Path dir, List<CommitId> include, List<CommitId> exclude)
      throws Exception {
    GitCommitSource source =
        new GitCommitSource(
            bytes -> ObjectSources.open(dir.resolve("objects"), ObjectFormat.SHA1, bytes),
            ObjectFormat.SHA1,
            false,
            null,
            new VerifiedLayers(),
            new FinishingWalks());
    List<CommitId> out = new ArrayList<>();
    try (CommitStream s = source.walk(include, exclude)) {
      for (CommitRecord r = s.next(); r != null; r = s.next()) {
        out.add(r.id());
      }
    } finally {
      source.close();
    }
    return out;
  }
}
