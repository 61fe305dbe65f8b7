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
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rows of line statistics read back as they were written, field for field, on both databases:
 * SQLite stores them with prepared statements, PostgreSQL with binary {@code COPY}, whose fields
 * (NULL counts, NULL old paths, booleans, text beyond ASCII) are encoded by hand.
 */
class FileRowsRoundTripTest {
  @TempDir Path tmp;

  private static CommitRecord record(int n, @Nullable List<FileChange> files) {
    Signature s =
        new Signature(
            new Identity("P" + n, "p" + n + "@example.com"),
            Instant.ofEpochSecond(1_700_000_000L + n),
            ZoneOffset.UTC);
    return CommitRecord.of(CommitId.of(String.format("%040x", n)), List.of(), s, s, "c" + n + "\n")
        .withFiles(files);
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void fileRowsOfEveryShape_readBackFieldForField(SqlDialect dialect) throws Exception {
    RepositoryId repo = new RepositoryId("a".repeat(40), "https://example.com/org/files");
    List<CommitRecord> commits =
        List.of(
            record(
                1,
                List.of(
                    new FileChange("src/a.txt", null, ChangeKind.ADDED, 3, 0, false, false),
                    new FileChange("logo.png", null, ChangeKind.MODIFIED, 0, 0, true, false),
                    new FileChange("huge.csv", null, ChangeKind.MODIFIED, 0, 0, false, true),
                    new FileChange(
                        "nëw/日本.txt", "old/日本.txt", ChangeKind.RENAMED, 1, 2, false, false),
                    new FileChange("copy.txt", "src/a.txt", ChangeKind.COPIED, 0, 0, false, false),
                    new FileChange("gone", null, ChangeKind.DELETED, 0, 7, false, false),
                    new FileChange("link", null, ChangeKind.TYPE_CHANGED, 1, 1, false, false))),
            // A merge baked with statistics: its row of totals and no files.
            record(2, List.of()),
            // A commit baked without statistics: no rows at all.
            record(3, null));
    try (PizzaDatabase db = Databases.open(dialect, tmp)) {
      JdbcCommitSink sink = db.sink();
      sink.begin(repo, Checkpoint.empty());
      sink.accept(repo, commits);
      sink.saveCheckpoint(repo, new Checkpoint(Map.of("refs/heads/main", commits.get(0).id())));

      List<CommitRecord> stored =
          db.queries().commits(repo.key()).stream()
              .sorted(Comparator.comparing(CommitRecord::id))
              .toList();

      assertThat(stored).isEqualTo(commits);
      assertThat(stored.get(2).hasLineStats()).isFalse();
      assertThat(stored.get(0).linesAdded()).isEqualTo(3 + 1 + 1);
    }
  }
}
