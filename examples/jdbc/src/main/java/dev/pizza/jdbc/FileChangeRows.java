package dev.pizza.jdbc;

import dev.pizza.ChangeKind;
import dev.pizza.CommitRecord;
import dev.pizza.FileChange;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.postgresql.copy.CopyManager;

/**
 * The rows of line statistics ({@code V5__file_changes.sql}): {@code commit_line_stats}, one per
 * commit baked with them, and {@code commit_files}, one per changed file in git's order. SQLite
 * takes them as batched prepared statements ({@link #insert}), PostgreSQL as binary {@code COPY}
 * ({@link #copy}), as each takes the commits.
 */
final class FileChangeRows {
  static final String STATS_TABLE = "commit_line_stats";
  static final String FILES_TABLE = "commit_files";

  /** The columns {@link #read} expects after the commit id, in order. */
  static final String FILE_COLUMNS = "path, old_path, kind, added, removed, is_binary, too_large";

  /**
   * The value of column {@code kind} in SQLite's insert ({@link #insert}), from the {@link
   * ChangeKind}'s ordinal bound as an integer: the stored text is the kind's name as before, but
   * the driver binds a number with one call into SQLite rather than a string it encodes to UTF-8
   * and copies twice on the way, for every file row.
   */
  static final String KIND_BY_ORDINAL = kindByOrdinal();

  /** How many fields a row of {@link #copy} has in each table. */
  private static final int STATS_FIELDS = 5;

  private static final int FILE_FIELDS = 10;

  private FileChangeRows() {}

  /**
   * Inserts the statistics of those {@code records} that carry them (others are skipped), each
   * under the row id of its commit, {@code seqs[i]} for {@code records.get(i)}: commits just
   * inserted, whose rows beside them are not stored yet. SQLite's path, through the statements of
   * the transaction's session {@code st}, prepared once per transaction rather than once per batch.
   */
  static void insert(SqliteStatements st, List<CommitRecord> records, long[] seqs)
      throws SQLException {
    if (records.stream().noneMatch(CommitRecord::hasLineStats)) {
      return;
    }
    PreparedStatement stats = st.lineStats();
    PreparedStatement files = st.files();
    boolean anyFile =
        forEachRow(
            records,
            seqs,
            (seq, r, count) -> {
              stats.setLong(1, seq);
              stats.setLong(2, r.linesAdded());
              stats.setLong(3, r.linesRemoved());
              stats.setInt(4, count);
              stats.addBatch();
            },
            (seq, i, f) -> {
              files.setLong(1, seq);
              files.setInt(2, i);
              files.setString(3, f.path());
              files.setString(4, f.oldPath());
              files.setInt(5, f.kind().ordinal());
              if (f.hasLineCounts()) {
                files.setInt(6, f.added());
                files.setInt(7, f.removed());
              } else {
                files.setNull(6, Types.INTEGER);
                files.setNull(7, Types.INTEGER);
              }
              files.setBoolean(8, f.binary());
              files.setBoolean(9, f.tooLarge());
              files.addBatch();
            });
    stats.executeLargeBatch();
    if (anyFile) {
      files.executeLargeBatch();
    }
  }

  /**
   * PostgreSQL's path for what {@link #insert} does: the rows in two binary {@code COPY}s, which
   * cost the server a fraction of one {@code INSERT} per row.
   */
  static void copy(CopyManager copy, long repoId, List<CommitRecord> records, long[] seqs)
      throws SQLException {
    if (records.stream().noneMatch(CommitRecord::hasLineStats)) {
      return;
    }
    BinaryCopy stats = new BinaryCopy(records.size() * 48);
    BinaryCopy files = new BinaryCopy(records.size() * 256);
    forEachRow(
        records,
        seqs,
        (seq, r, count) ->
            stats
                .row(STATS_FIELDS)
                .int8(seq)
                .int8(repoId)
                .int8(r.linesAdded())
                .int8(r.linesRemoved())
                .int4(count),
        (seq, i, f) -> {
          files.row(FILE_FIELDS).int8(seq).int4(i).int8(repoId).text(f.path());
          String oldPath = f.oldPath();
          if (oldPath == null) {
            files.nullField();
          } else {
            files.text(oldPath);
          }
          files.text(f.kind().name());
          if (f.hasLineCounts()) {
            files.int4(f.added()).int4(f.removed());
          } else {
            files.nullField().nullField();
          }
          files.bool(f.binary()).bool(f.tooLarge());
        });
    stats.copyInto(copy, STATS_TABLE + " (commit_seq, repo_id, lines_added, lines_removed, files)");
    files.copyInto(copy, FILES_TABLE + " (commit_seq, position, repo_id, " + FILE_COLUMNS + ")");
  }

  /** Receives the statistics row of a commit: its row id, the record, its number of files. */
  @FunctionalInterface
  private interface StatsRow {
    void accept(long seq, CommitRecord record, int files) throws SQLException;
  }

  /** Receives a file row: its commit's row id, its position in git's order, the change. */
  @FunctionalInterface
  private interface FileRow {
    void accept(long seq, int position, FileChange file) throws SQLException;
  }

  /**
   * Hands {@code stats} the row of each of the {@code records} that carry statistics, and {@code
   * files} each of its file rows; returns whether there was any file row. Both writers' order.
   */
  private static boolean forEachRow(
      List<CommitRecord> records, long[] seqs, StatsRow stats, FileRow files) throws SQLException {
    boolean anyFile = false;
    for (int k = 0; k < records.size(); k++) {
      anyFile |= rowsOf(records.get(k), seqs[k], stats, files);
    }
    return anyFile;
  }

  /**
   * Hands {@code stats} and {@code files} the rows of {@code r}, if it carries statistics, under
   * its commit's row id {@code seq}; returns whether it has any file row.
   *
   * <p>One call per record rather than the body of {@link #forEachRow}'s loop, which runs once per
   * batch: the JIT compiles a method after a few hundred calls, a loop only after 60,000 iterations
   * (as {@link SqliteCommitWriter}'s {@code addCommit} says), about a fifth of the rows of a
   * 100k-commit bake.
   */
  private static boolean rowsOf(CommitRecord r, long seq, StatsRow stats, FileRow files)
      throws SQLException {
    List<FileChange> fs = r.files();
    if (fs == null) {
      return false;
    }
    stats.accept(seq, r, fs.size());
    for (int i = 0; i < fs.size(); i++) {
      files.accept(seq, i, fs.get(i));
    }
    return !fs.isEmpty();
  }

  /** Returns {@link #KIND_BY_ORDINAL}: a CASE naming each kind, in their order. */
  private static String kindByOrdinal() {
    StringBuilder sql = new StringBuilder("CASE ?");
    for (ChangeKind kind : ChangeKind.values()) {
      sql.append(" WHEN ")
          .append(kind.ordinal())
          .append(" THEN '")
          .append(kind.name())
          .append('\'');
    }
    return sql.append(" END").toString();
  }

  /** Reads one file row whose {@link #FILE_COLUMNS} start at column {@code at}. */
  static FileChange read(ResultSet rs, int at) throws SQLException {
    int added = rs.getInt(at + 3);
    int removed = rs.getInt(at + 4);
    return new FileChange(
        rs.getString(at),
        rs.getString(at + 1),
        ChangeKind.valueOf(rs.getString(at + 2)),
        added,
        removed,
        rs.getBoolean(at + 5),
        rs.getBoolean(at + 6));
  }
}
