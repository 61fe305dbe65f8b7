package dev.pizza.jdbc;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.FileChange;
import dev.pizza.Identity;
import dev.pizza.Signature;
import dev.pizza.Trailer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a repository's stored commits back into records, ordered by committer time then id: five
 * cursors (commits, trailers, co-authors, line statistics, files) in the same order, merged, so
 * that memory stays flat however many commits there are.
 */
final class StoredCommitReader implements AutoCloseable {
  private static final String ORDER = " ORDER BY c.committer_time, c.commit_id";
  private static final int FETCH = 1000;

  private final List<PreparedStatement> statements = new ArrayList<>();
  private final ResultSet commits;
  private final Cursor trailers;
  private final Cursor coAuthors;
  private final Cursor lineStats;
  private final Cursor files;

  StoredCommitReader(Connection c, long repoId) throws SQLException {
    try {
      commits =
          query(
              c,
              "SELECT c.commit_id, c.parent_ids, c.author_name, c.author_email, c.author_time,"
                  + " c.author_offset, c.committer_name, c.committer_email, c.committer_time,"
                  + " c.committer_offset, c.message, c.mapped_author_name, c.mapped_author_email,"
                  + " c.mapped_committer_name, c.mapped_committer_email, c.seq"
                  + " FROM commits c WHERE c.repo_id = ?"
                  + ORDER,
              repoId);
      trailers =
          new Cursor(query(c, joined("commit_trailers", "trailer_key, t.trailer_value"), repoId));
      coAuthors =
          new Cursor(
              query(
                  c,
                  joined("commit_co_authors", "name, t.email, t.mapped_name, t.mapped_email"),
                  repoId));
      lineStats =
          new Cursor(
              query(
                  c,
                  "SELECT t.commit_seq FROM "
                      + FileChangeRows.STATS_TABLE
                      + " t JOIN commits c ON c.seq = t.commit_seq WHERE t.repo_id = ?"
                      + ORDER,
                  repoId));
      files =
          new Cursor(
              query(
                  c,
                  joined(
                      FileChangeRows.FILES_TABLE,
                      FileChangeRows.FILE_COLUMNS.replace(", ", ", t.")),
                  repoId));
    } catch (SQLException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private static String joined(String table, String columns) {
    return "SELECT t.commit_seq, t."
        + columns
        + " FROM "
        + table
        + " t JOIN commits c ON c.seq = t.commit_seq WHERE t.repo_id = ?"
        + ORDER
        + ", t.position";
  }

  private ResultSet query(Connection c, String sql, long repoId) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    statements.add(ps);
    ps.setFetchSize(FETCH);
    ps.setLong(1, repoId);
    return ps.executeQuery();
  }

  /** Returns the next stored commit, or null after the last. */
  @Nullable CommitRecord next() throws SQLException {
    if (!commits.next()) {
      return null;
    }
    String id = commits.getString(1);
    String parentText = commits.getString(2);
    List<CommitId> parents = new ArrayList<>(2);
    if (!parentText.isEmpty()) {
      for (String p : parentText.split(" ")) {
        parents.add(CommitId.of(p));
      }
    }
    Signature author = signature(commits, 3);
    Signature committer = signature(commits, 7);
    String message = commits.getString(11);
    long seq = commits.getLong(16);
    List<Trailer> ts = new ArrayList<>();
    while (trailers.at(seq)) {
      ts.add(new Trailer(trailers.rs.getString(2), trailers.rs.getString(3)));
      trailers.advance();
    }
    Identity mappedAuthor = mapped(commits, 12, author.identity());
    Identity mappedCommitter = mapped(commits, 14, committer.identity());
    List<Identity> cs = new ArrayList<>();
    List<Identity> mappedCs = new ArrayList<>();
    while (coAuthors.at(seq)) {
      Identity written = new Identity(coAuthors.rs.getString(2), coAuthors.rs.getString(3));
      cs.add(written);
      mappedCs.add(mapped(coAuthors.rs, 4, written));
      coAuthors.advance();
    }
    List<FileChange> fs = null;
    if (lineStats.at(seq)) {
      lineStats.advance();
      fs = new ArrayList<>();
      while (files.at(seq)) {
        fs.add(FileChangeRows.read(files.rs, 2));
        files.advance();
      }
    }
    return new CommitRecord(
        CommitId.of(id),
        parents,
        author,
        committer,
        message,
        ts,
        cs,
        mappedAuthor,
        mappedCommitter,
        mappedCs,
        fs);
  }

  /** Reads a mapped identity's columns: NULL (not mapped) gives {@code written}. */
  private static Identity mapped(ResultSet rs, int at, Identity written) throws SQLException {
    String name = rs.getString(at);
    String email = rs.getString(at + 1);
    return name == null || email == null ? written : new Identity(name, email);
  }

  private static Signature signature(ResultSet rs, int at) throws SQLException {
    return new Signature(
        new Identity(rs.getString(at), rs.getString(at + 1)),
        Instant.ofEpochSecond(rs.getLong(at + 2)),
        ZoneOffset.ofTotalSeconds(rs.getInt(at + 3)));
  }

  @Override
  public void close() throws SQLException {
    SQLException failure = null;
    for (PreparedStatement ps : statements) {
      try {
        ps.close();
      } catch (SQLException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** A result set of rows keyed by commit row id in the commits' order, one row ahead. */
  private static final class Cursor {
    final ResultSet rs;
    private boolean onRow;

    Cursor(ResultSet rs) throws SQLException {
      this.rs = rs;
      this.onRow = rs.next();
    }

    boolean at(long commitSeq) throws SQLException {
      return onRow && rs.getLong(1) == commitSeq;
    }

    void advance() throws SQLException {
      onRow = rs.next();
    }
  }
}
