package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitRecord;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryUrl;
import dev.pizza.testing.InMemoryCommitSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One commit object written exactly as given with native {@code git hash-object -t commit
 * --literally} (so it may break rules git's own commands enforce), alone in a new bare repository
 * on {@code refs/heads/main}, and the record a bake of that repository delivered for it.
 *
 * @param repo the bare repository
 * @param id the commit's id, as git computed it
 * @param record what the bake delivered
 */
record CraftedCommit(Path repo, String id, CommitRecord record) {
  /** The id of the empty tree, which every crafted commit points at. */
  static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

  /**
   * Writes {@code "tree EMPTY_TREE\n" + rest} as a commit in a new repository under {@code tmp}.
   */
  static CraftedCommit bake(Path tmp, String rest) throws Exception {
    Path repo = Files.createTempDirectory(tmp, "crafted");
    NativeGit.run(repo, "init", "-q", "--bare");
    Path file = repo.resolve("raw-commit");
    Files.writeString(file, "tree " + EMPTY_TREE + "\n" + rest, StandardCharsets.UTF_8);
    String id =
        NativeGit.run(repo, "hash-object", "-t", "commit", "-w", "--literally", file.toString())
            .strip();
    Files.delete(file);
    NativeGit.run(repo, "update-ref", "refs/heads/main", id);
    InMemoryCommitSink sink = new InMemoryCommitSink();
    try (PizzaOven oven =
        PizzaOven.builder()
            .backend(JGitBackend.builder().build())
            .allowLocalRepositories(true)
            .build()) {
      oven.bake(repo.toString(), sink);
    }
    var records = sink.records(RepositoryUrl.parse(repo.toString()).id());
    assertThat(records).hasSize(1);
    return new CraftedCommit(repo, id, records.values().iterator().next());
  }
}
