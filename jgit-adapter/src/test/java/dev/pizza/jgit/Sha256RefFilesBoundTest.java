package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pizza.BakeResult;
import dev.pizza.PizzaOven;
import dev.pizza.errors.RepositoryStorageException;
import dev.pizza.testing.InMemoryCommitSink;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refs of a SHA-256 repository, read from its files ({@link RefFiles}), as those of a SHA-1 one
 * are ({@link PlainRefs}): a pipe as {@code packed-refs} fails the bake instead of hanging it, and
 * a sparse loose ref of gigabytes is a broken ref instead of running the heap out.
 */
class Sha256RefFilesBoundTest {
  @TempDir Path tmp;

  private Path repository() throws Exception {
    Path work = Sha256Repos.init(tmp.resolve("work"), false);
    Sha256Repos git = new Sha256Repos();
    git.commit(work, "one");
    git.commit(work, "two");
    return work;
  }

  private static PizzaOven oven() throws Exception {
    return PizzaOven.builder()
        .backend(JGitBackend.builder().build())
        .allowLocalRepositories(true)
        .build();
  }

  @Test
  void packedRefsThatIsAPipe_failsTheBake_insteadOfWaitingForAWriter() throws Exception {
    Path work = repository();
    Path packed = work.resolve(".git/packed-refs");
    Files.deleteIfExists(packed);
    assertThat(new ProcessBuilder("mkfifo", packed.toString()).start().waitFor()).isZero();

    // Refused before anything opens it: no reader waits for a writer afterwards.
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          try (PizzaOven oven = oven()) {
            assertThatThrownBy(() -> oven.bake(work.toString(), new InMemoryCommitSink()))
                .isInstanceOf(RepositoryStorageException.class)
                .hasMessageContaining("packed-refs");
          }
        });
  }

  @Test
  void looseRefOfGigabytes_isABrokenRef_notReadIntoMemory() throws Exception {
    Path work = repository();
    String main = Files.readString(work.resolve(".git/refs/heads/main")).strip();
    try (RandomAccessFile f =
        new RandomAccessFile(work.resolve(".git/refs/heads/huge").toFile(), "rw")) {
      f.write((main + "\n").getBytes(StandardCharsets.US_ASCII));
      f.setLength(3L << 30); // sparse
    }

    BakeResult result;
    try (PizzaOven oven = oven()) {
      result = oven.bake(work.toString(), new InMemoryCommitSink());
    }

    assertThat(result.newCommits()).isEqualTo(2);
    assertThat(result.newCheckpoint().tips()).containsOnlyKeys("refs/heads/main");
  }
}
