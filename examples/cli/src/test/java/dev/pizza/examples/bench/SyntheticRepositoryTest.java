package dev.pizza.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic repositories are deterministic, shaped as documented, cached, and restorable. */
class SyntheticRepositoryTest {
  private static final int COMMITS = 2_000;

  @BeforeAll
  static void needsGit() {
    assumeTrue(GitCommand.available(), "git is not installed");
  }

  @Test
  void sameSeed_givesSameCommitsInAnotherDirectory(@TempDir Path a, @TempDir Path b)
      throws Exception {
    SyntheticRepository first = SyntheticRepository.obtain(a, COMMITS, 3);
    SyntheticRepository second = SyntheticRepository.obtain(b, COMMITS, 3);

    assertThat(revList(second, "--branches", "--tags"))
        .isEqualTo(revList(first, "--branches", "--tags"));
  }

  @Test
  void generated_hasExactCountMergesAndCoAuthors(@TempDir Path root) throws Exception {
    SyntheticRepository repo = SyntheticRepository.obtain(root, COMMITS, 3);

    assertThat(revList(repo, "--branches", "--tags").lines().count()).isEqualTo(COMMITS);
    assertThat(revList(repo, "--branches", "--merges").lines().count())
        .as(
            "merges, one per %d commits after the first few, and one release merged back",
            FastImportHistory.MERGE_EVERY)
        .isBetween(30L, 41L);
    assertThat(GitCommand.run(repo.directory(), "for-each-ref", "refs/heads/release-1"))
        .as("a long-lived branch forks every %d commits", FastImportHistory.RELEASE_EVERY)
        .isNotBlank();
    assertThat(GitCommand.run(repo.directory(), "for-each-ref", "refs/tags").lines().count())
        .isBetween(
            COMMITS / FastImportHistory.TAG_EVERY - 1L,
            (long) COMMITS / FastImportHistory.TAG_EVERY);
    String messages = GitCommand.run(repo.directory(), "log", "--branches", "--format=%B");
    assertThat(messages.split("Co-authored-by: ", -1).length - 1).isBetween(50, 150);
  }

  @Test
  void secondObtain_reusesTheCompleteRepository(@TempDir Path root) throws Exception {
    SyntheticRepository.obtain(root, COMMITS, 3);

    SyntheticRepository again = SyntheticRepository.obtain(root, COMMITS, 3);

    assertThat(again.reused()).isTrue();
    assertThat(Files.exists(again.directory().resolve(SyntheticRepository.MARKER))).isTrue();
  }

  @Test
  void resetMain_undoesAppendToMain(@TempDir Path root) throws Exception {
    SyntheticRepository repo = SyntheticRepository.obtain(root, COMMITS, 3);
    String before = revList(repo, "--branches", "--tags");

    String tip = repo.appendToMain(100);
    assertThat(revList(repo, "--branches", "--tags").lines().count()).isEqualTo(COMMITS + 100);
    assertThat(GitCommand.run(repo.directory(), "rev-parse", "refs/heads/main").strip())
        .isEqualTo(tip);
    repo.resetMain();

    assertThat(revList(repo, "--branches", "--tags")).isEqualTo(before);
  }

  private static String revList(SyntheticRepository repo, String... refs) throws Exception {
    String[] args = new String[refs.length + 1];
    args[0] = "rev-list";
    System.arraycopy(refs, 0, args, 1, refs.length);
    return GitCommand.run(repo.directory(), args);
  }
}
