package dev.pizza.jdbc;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Signature;
import dev.pizza.Trailer;
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
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL's bulk path: {@code COPY} each batch's commits straight into {@code commits} under a
 * savepoint, and when some of them are stored already, as the original service did it: {@code COPY}
 * into a temporary table of the connection, then {@code INSERT ... SELECT ... ON CONFLICT DO
 * NOTHING} into the real one; then {@code COPY} the rows beside the new commits, keyed by the row
 * ids the writer reserved for them; all inside the bake's transaction. The rows travel in {@code
 * COPY}'s binary format ({@link BinaryCopy}).
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

  /** The columns of each table's rows, in order. */
  private static final String COMMIT_COLUMNS =
      "seq, repo_id, commit_id, parent_ids, author_name, author_email, author_time, author_offset,"
          + " committer_name, committer_email, committer_time, committer_offset, subject, message,"
          + " is_merge, mapped_author_name, mapped_author_email, mapped_committer_name,"
          + " mapped_committer_email";

  private static final String TRAILER_COLUMNS =
      "commit_seq, position, repo_id, trailer_key, trailer_value";
  private static final String CO_AUTHOR_COLUMNS =
      "commit_seq, position, repo_id, name, email, mapped_name, mapped_email";

  /** How many columns each of the lists above names. */
  private static final int COMMIT_FIELDS = 19;

  private static final int TRAILER_FIELDS = 5;
  private static final int CO_AUTHOR_FIELDS = 7;

  /** PostgreSQL's SQLSTATE for a unique violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  /**
   * Copies the batch's commits straight into {@code commits} under a savepoint, each with a row id
   * reserved for it ({@link #reserve}); if some of them are stored already (a batch delivered
   * again, as a bake that falls back to at-least-once delivery does), the copy fails on the key, is
   * rolled back to the savepoint, and the commits go through a temporary table and {@code INSERT
   * ... ON CONFLICT DO NOTHING RETURNING seq} instead, which leaves the stored rows as they are and
   * says which were new. Then the rows beside the new commits (trailers, co-authors, line
   * statistics) are copied under their row ids: a commit stored already keeps its own. A direct
   * copy saves the server writing every row twice.
   */
  @Override
  public void insert(Connection c, long repoId, List<CommitRecord> batch) throws SQLException {
    List<CommitRecord> records = CommitWriter.inIdOrder(batch);
    long[] seqs = reserve(c, records.size());
    BinaryCopy commits = new BinaryCopy(records.size() * 640);
    for (int i = 0; i < seqs.length; i++) {
      CommitRecord r = records.get(i);
      commits.row(COMMIT_FIELDS).int8(seqs[i]).int8(repoId).text(r.id().hex());
      commits.text(CommitWriter.parents(r));
      signature(commits, r.author());
      signature(commits, r.committer());
      commits.text(r.subject()).text(r.message()).bool(r.isMerge());
      mapped(commits, CommitWriter.changed(r.author().identity(), r.mappedAuthor()));
      mapped(commits, CommitWriter.changed(r.committer().identity(), r.mappedCommitter()));
    }
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    Savepoint before = c.setSavepoint();
    try {
      commits.copyInto(copy, "commits (" + COMMIT_COLUMNS + ")");
      c.releaseSavepoint(before);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(before);
      c.releaseSavepoint(before);
      Set<Long> inserted = insertStaged(c, copy, commits);
      List<CommitRecord> fresh = new ArrayList<>(inserted.size());
      long[] freshSeqs = new long[inserted.size()];
      for (int i = 0; i < seqs.length; i++) {
        if (inserted.contains(seqs[i])) {
          freshSeqs[fresh.size()] = seqs[i];
          fresh.add(records.get(i));
        }
      }
      records = fresh;
      seqs = freshSeqs;
    }
    copyChildren(copy, repoId, records, seqs);
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

  /** Copies the trailers and co-authors of {@code records}, commits just inserted. */
  private static void copyChildren(
      CopyManager copy, long repoId, List<CommitRecord> records, long[] seqs) throws SQLException {
    BinaryCopy trailers = new BinaryCopy(4096);
    BinaryCopy coAuthors = new BinaryCopy(1024);
    for (int k = 0; k < seqs.length; k++) {
      CommitRecord r = records.get(k);
      List<Trailer> ts = r.trailers();
      for (int i = 0; i < ts.size(); i++) {
        trailers
            .row(TRAILER_FIELDS)
            .int8(seqs[k])
            .int4(i)
            .int8(repoId)
            .text(ts.get(i).key())
            .text(ts.get(i).value());
      }
      List<Identity> cs = r.coAuthors();
      for (int i = 0; i < cs.size(); i++) {
        coAuthors
            .row(CO_AUTHOR_FIELDS)
            .int8(seqs[k])
            .int4(i)
            .int8(repoId)
            .text(cs.get(i).name())
            .text(cs.get(i).email());
        mapped(coAuthors, CommitWriter.changed(cs.get(i), r.mappedCoAuthors().get(i)));
      }
    }
    trailers.copyInto(copy, "commit_trailers (" + TRAILER_COLUMNS + ")");
    coAuthors.copyInto(copy, "commit_co_authors (" + CO_AUTHOR_COLUMNS + ")");
  }

  /**
   * The path for commits some of which may be stored: through a temporary table, skipping those.
   * Returns the row ids of the commits inserted.
   */
  private static Set<Long> insertStaged(Connection c, CopyManager copy, BinaryCopy commits)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(STAGE);
    }
    commits.copyInto(copy, "pizza_stage_commits (" + COMMIT_COLUMNS + ")");
    Set<Long> inserted = new HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "INSERT INTO commits ("
                    + COMMIT_COLUMNS
                    + ") SELECT "
                    + COMMIT_COLUMNS
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

  private static void signature(BinaryCopy row, Signature s) {
    row.text(s.name())
        .text(s.email())
        .int8(s.instant().getEpochSecond())
        .int4(s.offset().getTotalSeconds());
  }

  /** Writes a mapped identity's two fields: NULL when unchanged. */
  private static void mapped(BinaryCopy row, @Nullable Identity changed) {
    if (changed == null) {
      row.nullField().nullField();
    } else {
      row.text(changed.name()).text(changed.email());
    }
  }
}
