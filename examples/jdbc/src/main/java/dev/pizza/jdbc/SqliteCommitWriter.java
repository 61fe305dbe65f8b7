package dev.pizza.jdbc;

import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Signature;
import dev.pizza.Trailer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * SQLite's bulk path: batched prepared statements inside the bake's transaction.
 *
 * <p>The driver binds each parameter of each row with a call into native code, so a row binds only
 * what differs between rows: the repository's id is part of the statement, and commits whose
 * identities no mailmap changed (almost all) go through a statement without the four {@code
 * mapped_*} columns, which stay NULL.
 */
final class SqliteCommitWriter implements CommitWriter {
  private static final String COMMIT_COLUMNS =
      "repo_id, commit_id, parent_ids, author_name, author_email, author_time, author_offset,"
          + " committer_name, committer_email, committer_time, committer_offset, subject, message,"
          + " is_merge";

  @Override
  public void insert(Connection c, long repoId, List<CommitRecord> batch) throws SQLException {
    List<CommitRecord> records = CommitWriter.inIdOrder(batch);
    Set<String> emails = new HashSet<>();
    try (PreparedStatement plain =
            c.prepareStatement(
                "INSERT INTO commits ("
                    + COMMIT_COLUMNS
                    + ") VALUES ("
                    + repoId
                    + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
        PreparedStatement mapped =
            c.prepareStatement(
                "INSERT INTO commits ("
                    + COMMIT_COLUMNS
                    + ", mapped_author_name, mapped_author_email, mapped_committer_name,"
                    + " mapped_committer_email) VALUES ("
                    + repoId
                    + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
        PreparedStatement trailers =
            c.prepareStatement(
                "INSERT INTO commit_trailers (repo_id, commit_id, position, trailer_key,"
                    + " trailer_value) VALUES ("
                    + repoId
                    + ", ?, ?, ?, ?) ON CONFLICT DO NOTHING");
        PreparedStatement coAuthors =
            c.prepareStatement(
                "INSERT INTO commit_co_authors (repo_id, commit_id, position, name, email,"
                    + " mapped_name, mapped_email) VALUES ("
                    + repoId
                    + ", ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      boolean anyPlain = false;
      boolean anyMapped = false;
      boolean anyTrailer = false;
      boolean anyCoAuthor = false;
      for (CommitRecord r : records) {
        String id = r.id().hex();
        Identity author = CommitWriter.changed(r.author().identity(), r.mappedAuthor());
        Identity committer = CommitWriter.changed(r.committer().identity(), r.mappedCommitter());
        PreparedStatement commits = author == null && committer == null ? plain : mapped;
        commits.setString(1, id);
        commits.setString(2, CommitWriter.parents(r));
        bind(commits, 3, r.author());
        bind(commits, 7, r.committer());
        commits.setString(11, r.subject());
        commits.setString(12, r.message());
        commits.setInt(13, r.isMerge() ? 1 : 0);
        if (commits == mapped) {
          mapped(commits, 14, author);
          mapped(commits, 16, committer);
          anyMapped = true;
        } else {
          anyPlain = true;
        }
        commits.addBatch();
        emails.add(r.author().email());
        List<Trailer> ts = r.trailers();
        for (int i = 0; i < ts.size(); i++) {
          trailers.setString(1, id);
          trailers.setInt(2, i);
          trailers.setString(3, ts.get(i).key());
          trailers.setString(4, ts.get(i).value());
          trailers.addBatch();
          anyTrailer = true;
        }
        List<Identity> cs = r.coAuthors();
        for (int i = 0; i < cs.size(); i++) {
          coAuthors.setString(1, id);
          coAuthors.setInt(2, i);
          coAuthors.setString(3, cs.get(i).name());
          coAuthors.setString(4, cs.get(i).email());
          mapped(coAuthors, 5, CommitWriter.changed(cs.get(i), r.mappedCoAuthors().get(i)));
          coAuthors.addBatch();
          anyCoAuthor = true;
        }
      }
      if (anyPlain) {
        plain.executeBatch();
      }
      if (anyMapped) {
        mapped.executeBatch();
      }
      if (anyTrailer) {
        trailers.executeBatch();
      }
      if (anyCoAuthor) {
        coAuthors.executeBatch();
      }
    }
    List<String> sortedEmails = new ArrayList<>(emails);
    Collections.sort(sortedEmails);
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO author_emails (email) VALUES (?) ON CONFLICT DO NOTHING")) {
      for (String email : sortedEmails) {
        ps.setString(1, email);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    FileChangeRows.insert(c, repoId, records);
  }

  /** Binds a mapped identity's two columns: NULL when the mailmap left it unchanged. */
  private static void mapped(PreparedStatement ps, int at, @Nullable Identity changed)
      throws SQLException {
    ps.setString(at, changed == null ? null : changed.name());
    ps.setString(at + 1, changed == null ? null : changed.email());
  }

  private static void bind(PreparedStatement ps, int at, Signature s) throws SQLException {
    ps.setString(at, s.name());
    ps.setString(at + 1, s.email());
    ps.setLong(at + 2, s.instant().getEpochSecond());
    ps.setInt(at + 3, s.offset().getTotalSeconds());
  }
}
