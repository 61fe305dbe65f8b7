package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pizza.PizzaOven;
import dev.pizza.errors.RepositoryStorageException;
import dev.pizza.testing.InMemoryCommitSink;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local repository's small files that are read whole before JGit opens it (its {@code config},
 * its {@code .git} file) fail the bake with a storage error when they are no file or far too large:
 * a pipe as {@code config} hung the bake, {@code /dev/zero} as {@code config} and a sparse {@code
 * .git} file of gigabytes ran the heap out.
 */
class RepositoryPointerFilesTest {
  @TempDir Path tmp;

  private Path repository() throws Exception {
    Path dir = tmp.resolve("repo");
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.commit().setAllowEmpty(true).setSign(false).setMessage("one").call();
    }
    return dir;
  }

  private static void assertBakeFailsWithStorageError(Path dir, String containing) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          try (PizzaOven oven =
              PizzaOven.builder()
                  .backend(JGitBackend.builder().build())
                  .allowLocalRepositories(true)
                  .build()) {
            assertThatThrownBy(() -> oven.bake(dir.toString(), new InMemoryCommitSink()))
                .isInstanceOf(RepositoryStorageException.class)
                .hasMessageContaining(containing);
          }
        });
  }

  @Test
  void configThatIsAPipe_failsTheBake_insteadOfWaitingForAWriter() throws Exception {
    Path dir = repository();
    Path config = dir.resolve(".git/config");
    Files.delete(config);
    assertThat(new ProcessBuilder("mkfifo", config.toString()).start().waitFor()).isZero();
    // Refused before anything opens it: no reader waits for a writer afterwards.
    assertBakeFailsWithStorageError(dir, "is not a regular file");
  }

  @Test
  void configLinkedToDevZero_failsTheBake_insteadOfReadingWithoutEnd() throws Exception {
    Path dir = repository();
    Path config = dir.resolve(".git/config");
    Files.delete(config);
    Files.createSymbolicLink(config, Path.of("/dev/zero"));

    assertBakeFailsWithStorageError(dir, "is not a regular file");
  }

  @Test
  void configOfGigabytes_failsTheBake_insteadOfReadingItWhole() throws Exception {
    Path dir = repository();
    try (RandomAccessFile f = new RandomAccessFile(dir.resolve(".git/config").toFile(), "rw")) {
      f.setLength(3L << 30); // sparse
    }

    assertBakeFailsWithStorageError(dir, "a git config is read to");
  }

  @Test
  void dotGitFileOfGigabytes_failsTheBake_insteadOfReadingItWhole() throws Exception {
    Path real = repository();
    Path work = Files.createDirectories(tmp.resolve("work"));
    try (RandomAccessFile f = new RandomAccessFile(work.resolve(".git").toFile(), "rw")) {
      f.write(("gitdir: " + real.resolve(".git") + "\n").getBytes(StandardCharsets.UTF_8));
      f.setLength(3L << 30); // sparse
    }

    assertBakeFailsWithStorageError(work, "too large to name a git directory");
  }
}
