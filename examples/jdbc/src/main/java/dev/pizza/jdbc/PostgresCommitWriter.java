package dev.pizza.jdbc;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Signature;
import dev.pizza.Trailer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL's bulk path: {@code COPY} each batch straight into the tables under a savepoint, and
 * when some of its commits are stored already, as the original service did it: {@code COPY} into
 * temporary tables of the connection, then {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}
 * into the real ones; all inside the bake's transaction. The rows travel in {@code COPY}'s binary
 * format ({@link BinaryCopy}).
 */
final class PostgresCommitWriter implements CommitWriter {
  private static final String STAGE =
      "CREATE TEMP TABLE IF NOT EXISTS pizza_stage_commits (repo_id BIGINT, commit_id TEXT,"
          + " parent_ids TEXT, author_name TEXT, author_email TEXT, author_time BIGINT,"
          + " author_offset INTEGER, committer_name TEXT, committer_email TEXT,"
          + " committer_time BIGINT, committer_offset INTEGER, subject TEXT, message TEXT,"
          + " is_merge BOOLEAN, mapped_author_name TEXT, mapped_author_email TEXT,"
          + " mapped_committer_name TEXT, mapped_committer_email TEXT) ON COMMIT DELETE ROWS;"
          + "CREATE TEMP TABLE IF NOT EXISTS pizza_stage_trailers (repo_id BIGINT, commit_id TEXT,"
          + " position INTEGER, trailer_key TEXT, trailer_value TEXT) ON COMMIT DELETE ROWS;"
          + "CREATE TEMP TABLE IF NOT EXISTS pizza_stage_co_authors (repo_id BIGINT,"
          + " commit_id TEXT, position INTEGER, name TEXT, email TEXT, mapped_name TEXT,"
          + " mapped_email TEXT) ON COMMIT DELETE ROWS";

  /** The columns of each table's rows, in order; every row starts with the repository. */
  private static final String COMMIT_COLUMNS =
      "repo_id, commit_id, parent_ids, author_name, author_email, author_time, author_offset,"
          + " committer_name, committer_email, committer_time, committer_offset, subject, message,"
          + " is_merge, mapped_author_name, mapped_author_email, mapped_committer_name,"
          + " mapped_committer_email";

  private static final String TRAILER_COLUMNS =
      "repo_id, commit_id, position, trailer_key, trailer_value";
  private static final String CO_AUTHOR_COLUMNS =
      "repo_id, commit_id, position, name, email, mapped_name, mapped_email";

  /** How many columns each of the lists above names. */
  private static final int COMMIT_FIELDS = 18;

  private static final int TRAILER_FIELDS = 5;
  private static final int CO_AUTHOR_FIELDS = 7;

  /** PostgreSQL's SQLSTATE for a unique violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  /**
   * Copies the batch straight into the tables under a savepoint; if some of its commits are stored
   * already (a batch delivered again, as a bake that falls back to at-least-once delivery does),
   * the copy fails on the key, is rolled back to the savepoint, and the batch goes through
   * temporary tables and {@code INSERT ... ON CONFLICT DO NOTHING} instead, which leaves the stored
   * rows as they are. A direct copy saves the server writing every row twice.
   */
  @Override
  public void insert(Connection c, long repoId, List<CommitRecord> batch) throws SQLException {
    List<CommitRecord> records = CommitWriter.inIdOrder(batch);
    BinaryCopy commits = new BinaryCopy(records.size() * 640);
    BinaryCopy trailers = new BinaryCopy(4096);
    BinaryCopy coAuthors = new BinaryCopy(1024);
    for (CommitRecord r : records) {
      String id = r.id().hex();
      commits.row(COMMIT_FIELDS).int8(repoId).text(id).text(CommitWriter.parents(r));
      signature(commits, r.author());
      signature(commits, r.committer());
      commits.text(r.subject()).text(r.message()).bool(r.isMerge());
      mapped(commits, CommitWriter.changed(r.author().identity(), r.mappedAuthor()));
      mapped(commits, CommitWriter.changed(r.committer().identity(), r.mappedCommitter()));
      List<Trailer> ts = r.trailers();
      for (int i = 0; i < ts.size(); i++) {
        trailers
            .row(TRAILER_FIELDS)
            .int8(repoId)
            .text(id)
            .int4(i)
            .text(ts.get(i).key())
            .text(ts.get(i).value());
      }
      List<Identity> cs = r.coAuthors();
      for (int i = 0; i < cs.size(); i++) {
        coAuthors
            .row(CO_AUTHOR_FIELDS)
            .int8(repoId)
            .text(id)
            .int4(i)
            .text(cs.get(i).name())
            .text(cs.get(i).email());
        mapped(coAuthors, CommitWriter.changed(cs.get(i), r.mappedCoAuthors().get(i)));
      }
    }
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    Savepoint before = c.setSavepoint();
    try {
      commits.copyInto(copy, "commits (" + COMMIT_COLUMNS + ")");
      trailers.copyInto(copy, "commit_trailers (" + TRAILER_COLUMNS + ")");
      coAuthors.copyInto(copy, "commit_co_authors (" + CO_AUTHOR_COLUMNS + ")");
      c.releaseSavepoint(before);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(before);
      c.releaseSavepoint(before);
      insertStaged(c, copy, commits, trailers, coAuthors);
    }
    FileChangeRows.insert(c, repoId, records);
  }

  /** The path for rows some of which may be stored: through temporary tables, skipping those. */
  private static void insertStaged(
      Connection c, CopyManager copy, BinaryCopy commits, BinaryCopy trailers, BinaryCopy coAuthors)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(STAGE);
    }
    moveStaged(c, copy, "pizza_stage_commits", "commits", COMMIT_COLUMNS, commits);
    moveStaged(c, copy, "pizza_stage_trailers", "commit_trailers", TRAILER_COLUMNS, trailers);
    moveStaged(
        c, copy, "pizza_stage_co_authors", "commit_co_authors", CO_AUTHOR_COLUMNS, coAuthors);
    try (Statement s = c.createStatement()) {
      s.execute("TRUNCATE pizza_stage_commits, pizza_stage_trailers, pizza_stage_co_authors");
    }
  }

  /** Copies {@code rows} into {@code stage}, then what {@code table} lacks of them into it. */
  private static void moveStaged(
      Connection c, CopyManager copy, String stage, String table, String columns, BinaryCopy rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    rows.copyInto(copy, stage + " (" + columns + ")");
    try (Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO "
              + table
              + " ("
              + columns
              + ") SELECT "
              + columns
              + " FROM "
              + stage
              + " ON CONFLICT DO NOTHING");
    }
  }

  /** Deletes with one statement per table: the ids travel as one array. */
  @Override
  public void delete(Connection c, long repoId, List<CommitId> commits) throws SQLException {
    Object[] ids = commits.stream().map(CommitId::hex).toArray();
    java.sql.Array array = c.createArrayOf("text", ids);
    try {
      for (String table : COMMIT_TABLES) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "DELETE FROM " + table + " WHERE repo_id = ? AND commit_id = ANY (?)")) {
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
