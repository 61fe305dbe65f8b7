package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitId;
import dev.pizza.PizzaOven;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A URL ending in {@code .git} is keyed without the suffix, but fetched from exactly the path
 * given: a server holding both {@code /dup} and {@code /dup.git} serves the one asked for.
 */
class DotGitUrlTest {
  @TempDir Path tmp;

  private PizzaOven oven() throws Exception {
    return PizzaOven.builder()
        .backend(
            JGitBackend.builder()
                .storeDirectory(tmp.resolve("store"))
                .timeout(Duration.ofSeconds(20))
                .build())
        .allowLocalRepositories(true)
        .build();
  }

  /** Makes a bare repository with {@code count} commits starting at {@code time}; its commits. */
  private static Set<CommitId> repo(Path dir, boolean bare, long time, int count) throws Exception {
    try (TestRepository r =
        bare ? TestRepository.createBare(dir) : TestRepository.createWithWorkTree(dir)) {
      ObjectId tip = null;
      for (int i = 0; i < count; i++) {
        tip = tip == null ? r.commit(time + i) : r.commit(time + i, tip);
      }
      r.branch("main", tip);
      return Reachable.fromBranchesAndTags(r.repository());
    }
  }

  @Test
  void urlEndingInDotGit_isFetchedFromThatPath_notTheOneWithoutIt() throws Exception {
    Path served = tmp.resolve("served");
    Set<CommitId> plain = repo(served.resolve("dup"), true, 1_000, 2);
    Set<CommitId> dotGit = repo(served.resolve("dup.git"), true, 2_000, 3);
    assertThat(plain).doesNotContainAnyElementsOf(dotGit);
    try (SmartHttpServer server = new SmartHttpServer(served);
        PizzaOven oven = oven()) {
      RecordingSink sink = new RecordingSink();
      oven.bake(server.url("dup.git"), sink);
      assertThat(new HashSet<>(sink.deliveredIdList())).isEqualTo(dotGit);
    }
  }

  @Test
  void urlEndingInDotGitDotGit_isFetchedFromThatPath_notTheOneWithOneSuffix() throws Exception {
    Path served = tmp.resolve("served");
    Set<CommitId> one = repo(served.resolve("x.git"), true, 1_000, 2);
    Set<CommitId> two = repo(served.resolve("x.git.git"), true, 2_000, 3);
    assertThat(one).doesNotContainAnyElementsOf(two);
    try (SmartHttpServer server = new SmartHttpServer(served);
        PizzaOven oven = oven()) {
      RecordingSink sink = new RecordingSink();
      oven.bake(server.url("x.git.git"), sink);
      assertThat(new HashSet<>(sink.deliveredIdList())).isEqualTo(two);
    }
  }

  @Test
  void fileUrlToWorkTreeNamedDotGit_isFoundNotNoRepository() throws Exception {
    Path dir = tmp.resolve("work").resolve("x.git");
    Set<CommitId> commits = repo(dir, false, 1_000, 2);
    try (PizzaOven oven = oven()) {
      RecordingSink sink = new RecordingSink();
      oven.bake("file://" + dir, sink);
      assertThat(new HashSet<>(sink.deliveredIdList())).isEqualTo(commits);
    }
  }
}
