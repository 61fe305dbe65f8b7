package dev.pizza.jdbc;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL's bulk path: {@code COPY} each batch's commits straight into {@code commits} under a
 * savepoint, and when some of them are stored already, as the original service did it: {@code COPY}
 * into a temporary table of the connection, then {@code INSERT ... SELECT ... ON CONFLICT DO
 * NOTHING} into the real one; then {@code COPY} the rows beside the new commits, keyed by the row
 * ids the writer reserved for them; all inside the bake's transaction. The rows travel in {@code
 * COPY}'s binary format, encoded on the bake's thread ({@link EncodedCommits}): the writer thread,
 * which waits for the server at each copy, only numbers them and sends them.
 */
final class PostgresCommitWriter implements CommitWriter {
  /**
   * How many row ids one {@code nextval} of {@code commits.seq} reserves: the sequence's increment
   * ({@code V9__children_by_commit_seq.sql}).
   */
  static final int SEQ_BLOCK = 1024;

  private static final String STAGE =
      "CREATE TEMP TABLE IF NOT EXISTS pizza_stage_commits (seq BIGINT, repo_id BIGINT,"
          + " commit_id TEXT, parent_ids TEXT, author_name TEXT, author_email TEXT,"
          + " author_time BIGINT, author_offset INTEGER, committer_name TEXT,"
          + " committer_email TEXT, committer_time BIGINT, committer_offset INTEGER, subject TEXT,"
          + " message TEXT, is_merge BOOLEAN, mapped_author_name TEXT, mapped_author_email TEXT,"
          + " mapped_committer_name TEXT, mapped_committer_email TEXT) ON COMMIT DELETE ROWS";

  /** PostgreSQL's SQLSTATE for a unique violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  /** Encodes the batch's rows on the calling thread, the bake's ({@link EncodedCommits}). */
  @Override
  public Batch prepare(List<CommitRecord> records) {
    return new EncodedCommits(records);
  }

  /**
   * Copies the batch's commits straight into {@code commits} under a savepoint, each with a row id
   * reserved for it ({@link #reserve}); if some of them are stored already (a batch delivered
   * again, as a bake that falls back to at-least-once delivery does), the copy fails on the key, is
   * rolled back to the savepoint, and the commits go through a temporary table and {@code INSERT
   * ... ON CONFLICT DO NOTHING RETURNING seq} instead, which leaves the stored rows as they are and
   * says which were new. Then the rows beside the new commits (trailers, co-authors, line
   * statistics) are copied under their row ids: a commit stored already keeps its own. A direct
   * copy saves the server writing every row twice. A batch that {@link #prepare} made arrives
   * encoded, and is only numbered here.
   */
  @Override
  public void insert(Connection c, long repoId, Batch batch, Session session) throws SQLException {
    EncodedCommits rows =
        batch instanceof EncodedCommits e ? e : new EncodedCommits(batch.records());
    List<CommitRecord> records = rows.records();
    long[] seqs = reserve(c, records.size());
    rows.number(repoId, seqs);
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    Savepoint before = c.setSavepoint();
    try {
      rows.copyCommits(copy, "commits");
      c.releaseSavepoint(before);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(before);
      c.releaseSavepoint(before);
      Set<Long> inserted = insertStaged(c, copy, rows);
      List<CommitRecord> fresh = new ArrayList<>(inserted.size());
      long[] freshSeqs = new long[inserted.size()];
      for (int i = 0; i < seqs.length; i++) {
        if (inserted.contains(seqs[i])) {
          freshSeqs[fresh.size()] = seqs[i];
          fresh.add(records.get(i));
        }
      }
      // The rows beside the commits again, for the new ones only (already in id order).
      rows = new EncodedCommits(fresh);
      rows.number(repoId, freshSeqs);
      records = fresh;
      seqs = freshSeqs;
    }
    rows.copyChildren(copy);
    FileChangeRows.copy(copy, repoId, records, seqs);
  }

  /**
   * Returns {@code n} unused row ids of {@code commits}: each {@code nextval} of the sequence
   * reserves the {@link #SEQ_BLOCK} ids from its value up, so a batch of 1000 commits costs the
   * server one {@code nextval} rather than a thousand.
   */
  private static long[] reserve(Connection c, int n) throws SQLException {
    long[] seqs = new long[n];
    if (n == 0) {
      return seqs;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT nextval(pg_get_serial_sequence('commits', 'seq'))"
                + " FROM generate_series(1, ?)")) {
      ps.setInt(1, (n + SEQ_BLOCK - 1) / SEQ_BLOCK);
      try (ResultSet rs = ps.executeQuery()) {
        int i = 0;
        while (rs.next()) {
          long block = rs.getLong(1);
          for (int k = 0; k < SEQ_BLOCK && i < n; k++) {
            seqs[i++] = block + k;
          }
        }
        if (i < n) {
          throw new SQLException("reserved " + i + " row ids of commits, needed " + n);
        }
      }
    }
    return seqs;
  }

  /**
   * The path for commits some of which may be stored: through a temporary table, skipping those.
   * Returns the row ids of the commits inserted.
   */
  private static Set<Long> insertStaged(Connection c, CopyManager copy, EncodedCommits rows)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(STAGE);
    }
    rows.copyCommits(copy, "pizza_stage_commits");
    Set<Long> inserted = new HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "INSERT INTO commits ("
                    + EncodedCommits.COMMIT_COLUMNS
                    + ") SELECT "
                    + EncodedCommits.COMMIT_COLUMNS
                    + " FROM pizza_stage_commits ON CONFLICT DO NOTHING RETURNING seq")) {
      while (rs.next()) {
        inserted.add(rs.getLong(1));
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("TRUNCATE pizza_stage_commits");
    }
    return inserted;
  }

  /** Deletes with one statement per table: the ids travel as one array. */
  @Override
  public void delete(Connection c, long repoId, List<CommitId> commits) throws SQLException {
    Object[] ids = commits.stream().map(CommitId::hex).toArray();
    java.sql.Array array = c.createArrayOf("text", ids);
    try {
      for (String table : CommitWriter.allTables()) {
        String where =
            table.equals("commits")
                ? "repo_id = ? AND commit_id = ANY (?)"
                : "commit_seq IN (SELECT seq FROM commits WHERE repo_id = ? AND commit_id = ANY"
                    + " (?))";
        try (PreparedStatement ps =
            c.prepareStatement("DELETE FROM " + table + " WHERE " + where)) {
          ps.setLong(1, repoId);
          ps.setArray(2, array);
          ps.executeUpdate();
        }
      }
    } finally {
      array.free();
    }
  }
}
