package dev.pizza.jdbc;

import dev.pizza.ChangeKind;
import dev.pizza.CommitRecord;
import dev.pizza.FileChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The rows of line statistics ({@code V5__file_changes.sql}): {@code commit_line_stats}, one per
 * commit baked with them, and {@code commit_files}, one per changed file in git's order. The same
 * batched SQL on both databases: file rows are few next to a commit's text.
 */
final class FileChangeRows {
  static final String STATS_TABLE = "commit_line_stats";
  static final String FILES_TABLE = "commit_files";

  /** The columns {@link #read} expects after the commit id, in order. */
  static final String FILE_COLUMNS = "path, old_path, kind, added, removed, is_binary, too_large";

  private FileChangeRows() {}

  /**
   * Inserts the statistics of those {@code records} that carry them (others are skipped), each
   * under the row id of its commit, {@code seqs[i]} for {@code records.get(i)}: commits just
   * inserted, whose rows beside them are not stored yet.
   */
  static void insert(Connection c, long repoId, List<CommitRecord> records, long[] seqs)
      throws SQLException {
    if (records.stream().noneMatch(CommitRecord::hasLineStats)) {
      return;
    }
    try (PreparedStatement stats =
            c.prepareStatement(
                "INSERT INTO commit_line_stats (repo_id, commit_seq, lines_added, lines_removed,"
                    + " files) VALUES (?, ?, ?, ?, ?)");
        PreparedStatement files =
            c.prepareStatement(
                "INSERT INTO commit_files (repo_id, commit_seq, position, "
                    + FILE_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      boolean anyFile = false;
      for (int k = 0; k < records.size(); k++) {
        CommitRecord r = records.get(k);
        List<FileChange> fs = r.files();
        if (fs == null) {
          continue;
        }
        long seq = seqs[k];
        stats.setLong(1, repoId);
        stats.setLong(2, seq);
        stats.setLong(3, r.linesAdded());
        stats.setLong(4, r.linesRemoved());
        stats.setInt(5, fs.size());
        stats.addBatch();
        for (int i = 0; i < fs.size(); i++) {
          FileChange f = fs.get(i);
          files.setLong(1, repoId);
          files.setLong(2, seq);
          files.setInt(3, i);
          files.setString(4, f.path());
          files.setString(5, f.oldPath());
          files.setString(6, f.kind().name());
          if (f.hasLineCounts()) {
            files.setInt(7, f.added());
            files.setInt(8, f.removed());
          } else {
            files.setNull(7, Types.INTEGER);
            files.setNull(8, Types.INTEGER);
          }
          files.setBoolean(9, f.binary());
          files.setBoolean(10, f.tooLarge());
          files.addBatch();
          anyFile = true;
        }
      }
      stats.executeBatch();
      if (anyFile) {
        files.executeBatch();
      }
    }
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
