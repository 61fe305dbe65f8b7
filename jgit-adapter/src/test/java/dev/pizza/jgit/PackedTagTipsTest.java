package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tips read from refs that {@code git pack-refs} wrote with their peeled lines ({@code ^ID}
 * after each annotated tag) are those read from the same refs loose, through their tag objects:
 * tags of commits, of tags of commits, of trees and of blobs, lightweight tags of trees, and tags
 * whose tag object is gone.
 */
class PackedTagTipsTest {
  @TempDir Path tmp;

  @BeforeAll
  static void git() {
    NativeGit.assumeInstalled("to pack refs with their peeled lines");
  }

  @Test
  void packedAnnotatedTags_peeledLinesGiveTheTipsTheTagObjectsGive() throws Exception {
    Path repo = bareRepository("r.git");
    String tree = emptyTree(repo);
    String first = commit(repo, tree, "first");
    String second = commit(repo, tree, "second", first);
    String blob = hashBlob(repo);
    NativeGit.run(repo, "update-ref", "refs/heads/main", second);
    NativeGit.run(repo, "update-ref", "refs/heads/old", first);
    tag(repo, "v1", first);
    tag(repo, "v2", second);
    tag(repo, "of-tree", tree);
    tag(repo, "of-blob", blob);
    String inner = NativeGit.run(repo, "rev-parse", "refs/tags/v1").strip();
    NativeGit.run(repo, "tag", "-a", "-m", "tag of a tag", "nested", inner);
    NativeGit.run(repo, "update-ref", "refs/tags/light-tree", tree);
    NativeGit.run(repo, "update-ref", "refs/tags/light", first);

    Map<String, CommitId> loose = tips(repo);
    NativeGit.run(repo, "pack-refs", "--all");
    assertThat(Files.readString(repo.resolve("packed-refs"))).contains("peeled").contains("\n^");
    Map<String, CommitId> packed = tips(repo);

    assertThat(packed)
        .isEqualTo(loose)
        .containsOnlyKeys(
            "refs/heads/main",
            "refs/heads/old",
            "refs/tags/v1",
            "refs/tags/v2",
            "refs/tags/nested",
            "refs/tags/light")
        .containsEntry("refs/tags/nested", new CommitId(first))
        .containsEntry("refs/tags/v2", new CommitId(second));
  }

  @Test
  void packedTagWhoseTagObjectIsGone_isNoTip() throws Exception {
    Path repo = bareRepository("gone.git");
    String tree = emptyTree(repo);
    String first = commit(repo, tree, "first");
    NativeGit.run(repo, "update-ref", "refs/heads/main", first);
    tag(repo, "v1", first);
    String tagObject = NativeGit.run(repo, "rev-parse", "refs/tags/v1").strip();
    NativeGit.run(repo, "pack-refs", "--all");
    Files.delete(
        repo.resolve("objects").resolve(tagObject.substring(0, 2)).resolve(tagObject.substring(2)));

    assertThat(tips(repo)).containsOnlyKeys("refs/heads/main");
  }

  /**
   * A {@code packed-refs} whose header says only {@code peeled} (git before 1.8.3, and JGit)
   * vouches for the ^ lines of refs/tags/ alone: a branch set to an annotated tag has none. The
   * tips trust a ref's peeled state as JGit reports it, so this pins that JGit reports such a
   * branch as not peeled and it is followed through its tag object rather than dropped as a
   * non-commit.
   */
  @Test
  void branchAtAnnotatedTag_inPackedRefsOnlyPeeledForTags_isFollowedThroughTheTag()
      throws Exception {
    Path repo = bareRepository("old-header.git");
    String tree = emptyTree(repo);
    String first = commit(repo, tree, "first");
    tag(repo, "v1", first);
    String tagObject = NativeGit.run(repo, "rev-parse", "refs/tags/v1").strip();
    NativeGit.run(repo, "update-ref", "-d", "refs/tags/v1");
    Files.writeString(
        repo.resolve("packed-refs"),
        "# pack-refs with: peeled \n"
            + tagObject
            + " refs/heads/at-tag\n"
            + tagObject
            + " refs/tags/v1\n^"
            + first
            + "\n");

    assertThat(tips(repo))
        .containsOnly(
            Map.entry("refs/heads/at-tag", new CommitId(first)),
            Map.entry("refs/tags/v1", new CommitId(first)));
  }

  private Path bareRepository(String name) throws Exception {
    Path repo = tmp.resolve(name);
    Files.createDirectories(repo);
    NativeGit.run(repo, "init", "-q", "--bare");
    return repo;
  }

  private static Map<String, CommitId> tips(Path repo) throws Exception {
    try (Repository r =
        new FileRepositoryBuilder().setGitDir(repo.toFile()).setMustExist(true).build()) {
      return GitOpenedRepository.readTips(r);
    }
  }

  private static String commit(Path repo, String tree, String message, String... parents)
      throws Exception {
    String[] args = new String[4 + 2 * parents.length];
    args[0] = "commit-tree";
    args[1] = tree;
    args[2] = "-m";
    args[3] = message;
    for (int i = 0; i < parents.length; i++) {
      args[4 + 2 * i] = "-p";
      args[5 + 2 * i] = parents[i];
    }
    return NativeGit.run(
            Map.of(
                "GIT_AUTHOR_NAME", "A",
                "GIT_AUTHOR_EMAIL", "a@example.com",
                "GIT_COMMITTER_NAME", "A",
                "GIT_COMMITTER_EMAIL", "a@example.com"),
            repo,
            args)
        .strip();
  }

  private static void tag(Path repo, String name, String target) throws Exception {
    NativeGit.run(
        Map.of("GIT_COMMITTER_NAME", "A", "GIT_COMMITTER_EMAIL", "a@example.com"),
        repo,
        "tag",
        "-a",
        "-m",
        "tag " + name,
        name,
        target);
  }

  private static String emptyTree(Path repo) throws Exception {
    return NativeGit.run(repo, "hash-object", "-t", "tree", "-w", "/dev/null").strip();
  }

  private static String hashBlob(Path repo) throws Exception {
    Path file = repo.resolveSibling("blob.txt");
    Files.writeString(file, "a blob\n");
    return NativeGit.run(repo, "hash-object", "-w", file.toString()).strip();
  }
}
