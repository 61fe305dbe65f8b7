package dev.pizza.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What {@link SqliteCommitWriter} keeps from one batch to the next of one transaction: its
 * statements, each prepared on first use and then bound again by every batch; the highest row id of
 * {@code commits} it knows of; the author emails it stored (or found stored). The transaction holds
 * SQLite's write lock (one writer at a time), so nothing else changes those while it is open; the
 * sink closes the session when the transaction commits or rolls back.
 */
final class SqliteStatements implements CommitWriter.Session {
  private static final String COMMIT_COLUMNS =
      "seq, repo_id, commit_id, parent_ids, author_name, author_email, author_time, author_offset,"
          + " committer_name, committer_email, committer_time, committer_offset, subject, message,"
          + " is_merge";

  /** Statements by use, indexes of {@link #sql} and {@link #prepared}. */
  private static final int PLAIN = 0;

  private static final int MAPPED = 1;
  private static final int AUTHOR_EMAILS = 2;
  private static final int TRAILERS = 3;
  private static final int CO_AUTHORS = 4;
  private static final int LINE_STATS = 5;
  private static final int FILES = 6;

  /** The author emails in {@code author_emails}, as far as this transaction knows. */
  final Set<String> emails = new HashSet<>();

  /** The highest row id of {@code commits} taken, or -1 until {@link #reserve} reads it. */
  private long lastSeq = -1;

  private final Connection c;
  private final String[] sql;
  private final @Nullable PreparedStatement[] prepared;

  SqliteStatements(Connection c, long repoId) {
    this.c = c;
    this.sql =
        new String[] {
          "INSERT INTO commits ("
              + COMMIT_COLUMNS
              + ") VALUES (?, "
              + repoId
              + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
          "INSERT INTO commits ("
              + COMMIT_COLUMNS
              + ", mapped_author_name, mapped_author_email, mapped_committer_name,"
              + " mapped_committer_email) VALUES (?, "
              + repoId
              + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
          "INSERT INTO author_emails (email) VALUES (?) ON CONFLICT DO NOTHING",
          "INSERT INTO commit_trailers (repo_id, commit_seq, position, trailer_key, trailer_value)"
              + " VALUES ("
              + repoId
              + ", ?, ?, ?, ?)",
          "INSERT INTO commit_co_authors (repo_id, commit_seq, position, name, email, mapped_name,"
              + " mapped_email) VALUES ("
              + repoId
              + ", ?, ?, ?, ?, ?, ?)",
          "INSERT INTO "
              + FileChangeRows.STATS_TABLE
              + " (repo_id, commit_seq, lines_added, lines_removed, files) VALUES ("
              + repoId
              + ", ?, ?, ?, ?)",
          "INSERT INTO "
              + FileChangeRows.FILES_TABLE
              + " (repo_id, commit_seq, position, "
              + FileChangeRows.FILE_COLUMNS
              + ") VALUES ("
              + repoId
              + ", ?, ?, ?, ?, "
              + FileChangeRows.KIND_BY_ORDINAL
              + ", ?, ?, ?, ?)"
        };
    this.prepared = new PreparedStatement[sql.length];
  }

  /**
   * Returns the first of {@code count} new row ids of {@code commits}, numbered upwards from the
   * highest stored one, which is read once: the ids above it are free until the transaction commits
   * (it holds SQLite's write lock), and those this session handed out are taken.
   */
  long reserve(int count) throws SQLException {
    if (lastSeq < 0) {
      try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM commits");
          ResultSet rs = ps.executeQuery()) {
        lastSeq = rs.next() ? rs.getLong(1) : 0;
      }
    }
    long first = lastSeq + 1;
    lastSeq += count;
    return first;
  }

  /**
   * Returns the insert of a commit whose identities no mailmap changed: the repository's id is part
   * of the statement, the four {@code mapped_*} columns stay NULL.
   */
  PreparedStatement plain() throws SQLException {
    return prepared(PLAIN);
  }

  /** Returns the insert of a commit with its mapped identities (parameters 15 to 18). */
  PreparedStatement mapped() throws SQLException {
    return prepared(MAPPED);
  }

  /** Returns the insert of an author's email. */
  PreparedStatement authorEmails() throws SQLException {
    return prepared(AUTHOR_EMAILS);
  }

  /** Returns the insert of a trailer: commit_seq, position, key, value. */
  PreparedStatement trailers() throws SQLException {
    return prepared(TRAILERS);
  }

  /**
   * Returns the insert of a co-author: commit_seq, position, name, email, mapped name and email.
   */
  PreparedStatement coAuthors() throws SQLException {
    return prepared(CO_AUTHORS);
  }

  /** Returns the insert of a commit's line statistics: commit_seq, lines added, removed, files. */
  PreparedStatement lineStats() throws SQLException {
    return prepared(LINE_STATS);
  }

  /**
   * Returns the insert of a changed file: commit_seq, position, then {@link
   * FileChangeRows#FILE_COLUMNS}, the kind as its ordinal ({@link FileChangeRows#KIND_BY_ORDINAL}).
   */
  PreparedStatement files() throws SQLException {
    return prepared(FILES);
  }

  /** Returns statement {@code which}, prepared on its first use in this session. */
  private PreparedStatement prepared(int which) throws SQLException {
    PreparedStatement ps = prepared[which];
    if (ps == null) {
      ps = c.prepareStatement(sql[which]);
      prepared[which] = ps;
    }
    return ps;
  }

  /** Closes the statements prepared; throws the first failure after trying each. */
  @Override
  public void close() throws SQLException {
    SQLException failed = null;
    for (int i = 0; i < prepared.length; i++) {
      PreparedStatement ps = prepared[i];
      if (ps == null) {
        continue;
      }
      prepared[i] = null;
      try {
        ps.close();
      } catch (SQLException e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }
}
