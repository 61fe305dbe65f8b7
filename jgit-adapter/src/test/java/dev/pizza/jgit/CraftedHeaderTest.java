package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.CommitRecord;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryUrl;
import dev.pizza.errors.RepositoryStorageException;
import dev.pizza.testing.InMemoryCommitSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits whose header lines (tree, parents) only {@code hash-object --literally} writes: what git
 * refuses ({@code git log} says "bogus commit object" or "bad parents") fails the bake with a
 * storage error and no checkpoint; what git reads is read as {@code git log} shows it.
 */
class CraftedHeaderTest {
  @TempDir static Path tmp;

  private static final String IDENT = "author A <a> 1 +0000\ncommitter A <a> 1 +0000\n";

  @BeforeAll
  static void git() {
    NativeGit.assumeInstalled("to write crafted commit objects");
  }

  @Test
  void commitWithoutTreeLine_failsWithStorageError_asGitLogRefusesIt() throws Exception {
    Path repo = repo();
    String id = write(repo, IDENT + "\nno tree\n");
    assertBakeFails(repo, id);
  }

  @Test
  void parentWithBadHex_failsWithStorageError_notAnIndexOutOfBounds() throws Exception {
    Path repo = repo();
    String root = write(repo, "tree " + CraftedCommit.EMPTY_TREE + "\n" + IDENT + "\nroot\n");
    String bad = "zz" + root.substring(2);
    String id =
        write(
            repo,
            "tree " + CraftedCommit.EMPTY_TREE + "\nparent " + bad + "\n" + IDENT + "\nbad\n");
    assertBakeFails(repo, id);
  }

  @Test
  void tagWithBadHexObject_failsWithStorageError_notAnIndexOutOfBounds() throws Exception {
    Path repo = repo();
    String root = write(repo, "tree " + CraftedCommit.EMPTY_TREE + "\n" + IDENT + "\nroot\n");
    Path file = repo.resolve("raw-tag");
    Files.writeString(
        file,
        "object zz" + root.substring(2) + "\ntype commit\ntag t\ntagger A <a> 1 +0000\n\nt\n",
        StandardCharsets.UTF_8);
    String tag =
        NativeGit.run(repo, "hash-object", "-t", "tag", "-w", "--literally", file.toString())
            .strip();
    Files.createDirectories(repo.resolve("refs/tags"));
    Files.writeString(repo.resolve("refs/tags/t"), tag + "\n", StandardCharsets.US_ASCII);
    assertBakeFails(repo, root);
  }

  @Test
  void duplicatedParent_isDeliveredTwice_asGitLogShowsIt() throws Exception {
    Path repo = repo();
    String root = write(repo, "tree " + CraftedCommit.EMPTY_TREE + "\n" + IDENT + "\nroot\n");
    String id =
        write(
            repo,
            "tree "
                + CraftedCommit.EMPTY_TREE
                + "\nparent "
                + root
                + "\nparent "
                + root
                + "\n"
                + IDENT
                + "\ndup\n");
    NativeGit.run(repo, "update-ref", "refs/heads/main", id);
    InMemoryCommitSink sink = new InMemoryCommitSink();
    try (PizzaOven oven = oven()) {
      oven.bake(repo.toString(), sink);
    }
    Map<dev.pizza.CommitId, CommitRecord> records =
        sink.records(RepositoryUrl.parse(repo.toString()).id());
    assertThat(records).hasSize(2);
    CommitRecord r = records.get(new dev.pizza.CommitId(id));
    assertThat(String.join(" ", r.parents().stream().map(p -> p.hex()).toList()))
        .isEqualTo(NativeGit.run(repo, "log", "-1", "--format=%P", id).strip());
  }

  private static Path repo() throws Exception {
    Path repo = Files.createTempDirectory(tmp, "crafted");
    NativeGit.run(repo, "init", "-q", "--bare");
    return repo;
  }

  private static String write(Path repo, String raw) throws Exception {
    Path file = repo.resolve("raw-commit");
    Files.writeString(file, raw, StandardCharsets.UTF_8);
    String id =
        NativeGit.run(repo, "hash-object", "-t", "commit", "-w", "--literally", file.toString())
            .strip();
    Files.delete(file);
    return id;
  }

  private static PizzaOven oven() throws Exception {
    return PizzaOven.builder()
        .backend(JGitBackend.builder().build())
        .allowLocalRepositories(true)
        .build();
  }

  private static void assertBakeFails(Path repo, String id) throws Exception {
    // update-ref refuses a commit git cannot parse: the ref is written by hand
    Files.writeString(repo.resolve("refs/heads/main"), id + "\n", StandardCharsets.US_ASCII);
    InMemoryCommitSink sink = new InMemoryCommitSink();
    try (PizzaOven oven = oven()) {
      assertThatThrownBy(() -> oven.bake(repo.toString(), sink))
          .isInstanceOf(RepositoryStorageException.class);
    }
    assertThat(sink.checkpoint(RepositoryUrl.parse(repo.toString()).id()).isEmpty()).isTrue();
  }
}
