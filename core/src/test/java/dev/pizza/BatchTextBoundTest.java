package dev.pizza;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.testing.InMemoryCommitSink;
import dev.pizza.testing.InMemoryCommitSource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sink gets commits with large messages in batches bounded by their text, not 1,000 at a time: a
 * sink holds a few batches at once, so 1,000 commits of 1 MB messages were a gigabyte in one call.
 */
class BatchTextBoundTest {
  private static final String URL = "https://example.com/org/repo";

  @Test
  void accept_ofMegabyteMessages_getsBatchesOfAFewMegabytes_andEveryCommitOnce() throws Exception {
    String message = "subject\n\n" + "x".repeat(1 << 20);
    Signature s = new Signature(new Identity("n", "e"), Instant.ofEpochSecond(0), ZoneOffset.UTC);
    List<CommitRecord> commits = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      List<CommitId> parents = i == 0 ? List.of() : List.of(commits.get(i - 1).id());
      commits.add(
          CommitRecord.of(CommitId.of(String.format("%040x", i + 1)), parents, s, s, message));
    }
    List<Integer> sizes = bakeInBatches(commits);

    assertThat(sizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4));
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(40);
  }

  @Test
  void accept_ofCommitsChangingManyFiles_getsBatchesBoundedByTheirChanges() throws Exception {
    Signature s = new Signature(new Identity("n", "e"), Instant.ofEpochSecond(0), ZoneOffset.UTC);
    List<FileChange> files = new ArrayList<>();
    for (int f = 0; f < 20_000; f++) {
      files.add(
          new FileChange(
              "vendor/lib/src/file" + f + ".c", null, ChangeKind.ADDED, 10, 0, false, false));
    }
    List<CommitRecord> commits = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      List<CommitId> parents = i == 0 ? List.of() : List.of(commits.get(i - 1).id());
      commits.add(
          CommitRecord.of(CommitId.of(String.format("%040x", i + 1)), parents, s, s, "import\n")
              .withFiles(files));
    }
    List<Integer> sizes = bakeInBatches(commits);

    // 20,000 changes of about 80 chars each: a few commits' worth per batch, not 100 at once.
    assertThat(sizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4));
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
  }

  /** Bakes {@code commits} (each the parent of the next) and returns the sizes of its batches. */
  private static List<Integer> bakeInBatches(List<CommitRecord> commits) throws Exception {
    InMemoryBackend backend = new InMemoryBackend();
    backend.set(
        InMemoryCommitSource.of(commits),
        Map.of("refs/heads/main", commits.get(commits.size() - 1).id()));
    List<Integer> sizes = new ArrayList<>();
    InMemoryCommitSink inner = new InMemoryCommitSink();
    CommitSink sink =
        new CommitSink() {
          @Override
          public Checkpoint checkpoint(RepositoryId repository) {
            return inner.checkpoint(repository);
          }

          @Override
          public void begin(RepositoryId repository, Checkpoint from) {
            inner.begin(repository, from);
          }

          @Override
          public void accept(RepositoryId repository, List<CommitRecord> batch) {
            sizes.add(batch.size());
            inner.accept(repository, batch);
          }

          @Override
          public void saveCheckpoint(RepositoryId repository, Checkpoint checkpoint) {
            inner.saveCheckpoint(repository, checkpoint);
          }
        };

    try (PizzaOven oven = PizzaOven.builder().backend(backend).build()) {
      assertThat(oven.bake(URL, sink).newCommits()).isEqualTo(commits.size());
    }

    assertThat(inner.ids(RepositoryUrl.parse(URL).id())).hasSize(commits.size());
    return sizes;
  }
}
