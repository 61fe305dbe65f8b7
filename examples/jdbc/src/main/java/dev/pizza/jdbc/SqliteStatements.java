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

  /** The author emails in {@code author_emails}, as far as this transaction knows. */
  final Set<String> emails = new HashSet<>();

  /** The highest row id of {@code commits} taken, or -1 until {@link #reserve} reads it. */
  private long lastSeq = -1;

  private final Connection c;
  private final long repoId;
  private @Nullable PreparedStatement plain;
  private @Nullable PreparedStatement mapped;
  private @Nullable PreparedStatement authorEmails;
  private @Nullable PreparedStatement trailers;
  private @Nullable PreparedStatement coAuthors;

  SqliteStatements(Connection c, long repoId) {
    this.c = c;
    this.repoId = repoId;
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
    if (plain == null) {
      plain =
          c.prepareStatement(
              "INSERT INTO commits ("
                  + COMMIT_COLUMNS
                  + ") VALUES (?, "
                  + repoId
                  + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    }
    return plain;
  }

  /** Returns the insert of a commit with its mapped identities (parameters 15 to 18). */
  PreparedStatement mapped() throws SQLException {
    if (mapped == null) {
      mapped =
          c.prepareStatement(
              "INSERT INTO commits ("
                  + COMMIT_COLUMNS
                  + ", mapped_author_name, mapped_author_email, mapped_committer_name,"
                  + " mapped_committer_email) VALUES (?, "
                  + repoId
                  + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    }
    return mapped;
  }

  /** Returns the insert of an author's email. */
  PreparedStatement authorEmails() throws SQLException {
    if (authorEmails == null) {
      authorEmails =
          c.prepareStatement("INSERT INTO author_emails (email) VALUES (?) ON CONFLICT DO NOTHING");
    }
    return authorEmails;
  }

  /** Returns the insert of a trailer: commit_seq, position, key, value. */
  PreparedStatement trailers() throws SQLException {
    if (trailers == null) {
      trailers =
          c.prepareStatement(
              "INSERT INTO commit_trailers (repo_id, commit_seq, position, trailer_key,"
                  + " trailer_value) VALUES ("
                  + repoId
                  + ", ?, ?, ?, ?)");
    }
    return trailers;
  }

  /**
   * Returns the insert of a co-author: commit_seq, position, name, email, mapped name and email.
   */
  PreparedStatement coAuthors() throws SQLException {
    if (coAuthors == null) {
      coAuthors =
          c.prepareStatement(
              "INSERT INTO commit_co_authors (repo_id, commit_seq, position, name, email,"
                  + " mapped_name, mapped_email) VALUES ("
                  + repoId
                  + ", ?, ?, ?, ?, ?, ?)");
    }
    return coAuthors;
  }

  /** Closes the statements prepared; throws the first failure after trying each. */
  @Override
  public void close() throws SQLException {
    SQLException failed = null;
    for (PreparedStatement ps :
        new PreparedStatement[] {plain, mapped, authorEmails, trailers, coAuthors}) {
      if (ps == null) {
        continue;
      }
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
    plain = mapped = authorEmails = trailers = coAuthors = null;
    if (failed != null) {
      throw failed;
    }
  }
}
