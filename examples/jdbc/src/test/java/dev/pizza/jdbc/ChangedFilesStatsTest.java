package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.ChangeKind;
import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.FileChange;
import dev.pizza.Identity;
import dev.pizza.RepositoryId;
import dev.pizza.Signature;
import dev.pizza.jdbc.RepositoryStats.ChangedFile;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The most changed files of {@link RepositoryStats}: counted per path over the commits stored with
 * line statistics, ranked by commits, then lines, then path in byte order, on both databases.
 */
class ChangedFilesStatsTest {
  @TempDir Path tmp;

  private static FileChange added(String path, int lines) {
    return new FileChange(path, null, ChangeKind.ADDED, lines, 0, false, false);
  }

  private static FileChange modified(String path, int added, int removed) {
    return new FileChange(path, null, ChangeKind.MODIFIED, added, removed, false, false);
  }

  private static FileChange binary(String path, ChangeKind kind) {
    return new FileChange(path, null, kind, 0, 0, true, false);
  }

  private static CommitRecord record(
      int n, @Nullable List<FileChange> files, CommitRecord... parents) {
    Signature s =
        new Signature(
            new Identity("P" + n, "p" + n + "@example.com"),
            Instant.ofEpochSecond(1_700_000_000L + n),
            ZoneOffset.UTC);
    return CommitRecord.of(
            CommitId.of(String.format("%040x", n)),
            Arrays.stream(parents).map(CommitRecord::id).toList(),
            s,
            s,
            "commit " + n + "\n")
        .withFiles(files);
  }

  private static void store(PizzaDatabase db, RepositoryId repo, List<CommitRecord> commits)
      throws Exception {
    JdbcCommitSink sink = db.sink();
    sink.begin(repo, Checkpoint.empty());
    sink.accept(repo, commits);
    sink.saveCheckpoint(
        repo, new Checkpoint(Map.of("refs/heads/main", commits.get(commits.size() - 1).id())));
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void mostChangedFiles_rankByCommitsThenLinesThenPathBytes(SqlDialect dialect) throws Exception {
    RepositoryId repo = new RepositoryId("a".repeat(40), "https://example.com/org/files");
    CommitRecord c1 =
        record(1, List.of(added("a.txt", 3), binary("logo.png", ChangeKind.ADDED), added("x", 1)));
    CommitRecord c2 =
        record(
            2,
            List.of(
                modified("a.txt", 1, 1),
                added("c.txt", 10),
                new FileChange("y", "x", ChangeKind.RENAMED, 0, 0, false, false)),
            c1);
    CommitRecord c3 =
        record(
            3,
            List.of(
                binary("logo.png", ChangeKind.MODIFIED),
                added("d.txt", 4),
                modified("C.txt", 6, 4),
                new FileChange("huge.csv", null, ChangeKind.ADDED, 0, 0, false, true)),
            c2);
    // Baked without statistics: its files are unknown and count for nothing.
    CommitRecord c4 = record(4, null, c3);
    // A merge baked with statistics has the row and no files.
    CommitRecord c5 = record(5, List.of(), c4, c2);
    CommitRecord c6 = record(6, List.of(modified("d.txt", 3, 3)), c5);
    try (PizzaDatabase db = Databases.open(dialect, tmp)) {
      store(db, repo, List.of(c1, c2, c3, c4, c5, c6));

      RepositoryStats s = db.queries().stats(repo.key(), 10, Instant.now());

      assertThat(s.mostChangedFiles())
          .containsExactly(
              new ChangedFile("d.txt", 2, 7, 3),
              new ChangedFile("a.txt", 2, 4, 1),
              new ChangedFile("logo.png", 2, 0, 0),
              // Ties on commits and lines go by bytes: upper case before lower case.
              new ChangedFile("C.txt", 1, 6, 4),
              new ChangedFile("c.txt", 1, 10, 0),
              new ChangedFile("x", 1, 1, 0),
              new ChangedFile("huge.csv", 1, 0, 0),
              new ChangedFile("y", 1, 0, 0));
      assertThat(db.queries().stats(repo.key(), 2, Instant.now()).mostChangedFiles())
          .extracting(ChangedFile::path)
          .containsExactly("d.txt", "a.txt");
    }
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void mostChangedFiles_withoutLineStatistics_areEmpty(SqlDialect dialect) throws Exception {
    RepositoryId plain = new RepositoryId("b".repeat(40), "https://example.com/org/plain");
    RepositoryId other = new RepositoryId("c".repeat(40), "https://example.com/org/other");
    try (PizzaDatabase db = Databases.open(dialect, tmp)) {
      CommitRecord c1 = record(1, null);
      store(db, plain, List.of(c1, record(2, null, c1)));
      store(db, other, List.of(record(3, List.of(added("a.txt", 1)))));

      RepositoryStats s = db.queries().stats(plain.key(), 10, Instant.now());

      assertThat(s.commits()).isEqualTo(2);
      assertThat(s.mostChangedFiles()).isEmpty();
      assertThat(db.queries().stats("0".repeat(40), 10, Instant.now()).mostChangedFiles())
          .isEmpty();
      assertThat(db.queries().stats(other.key(), 10, Instant.now()).mostChangedFiles())
          .containsExactly(new ChangedFile("a.txt", 1, 1, 0));
    }
  }
}
