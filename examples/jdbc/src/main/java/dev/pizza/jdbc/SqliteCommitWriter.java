package dev.pizza.jdbc;

import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Signature;
import dev.pizza.Trailer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** SQLite's bulk path: batched prepared statements inside the bake's transaction. */
final class SqliteCommitWriter implements CommitWriter {
  static final String INSERT_COMMIT =
      "INSERT INTO commits (repo_id, commit_id, parent_ids, author_name, author_email,"
          + " author_time, author_offset, committer_name, committer_email, committer_time,"
          + " committer_offset, subject, message, is_merge, mapped_author_name,"
          + " mapped_author_email, mapped_committer_name, mapped_committer_email)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  private final long bulkMinimum;

  /** A writer that drops the stats index for bakes of {@link DeferredStatsIndex#MIN_DELIVERED}. */
  SqliteCommitWriter() {
    this(DeferredStatsIndex.MIN_DELIVERED);
  }

  /** A writer that drops the stats index once a bulk bake has delivered {@code bulkMinimum}. */
  SqliteCommitWriter(long bulkMinimum) {
    this.bulkMinimum = bulkMinimum;
  }

  @Override
  public void beforeInsert(Connection c, long delivered) throws SQLException {
    DeferredStatsIndex.dropForBulkLoad(c, delivered, bulkMinimum);
  }

  @Override
  public void beforeLastCommit(Connection c) throws SQLException {
    DeferredStatsIndex.ensure(c);
  }

  @Override
  public void insert(Connection c, long repoId, List<CommitRecord> batch) throws SQLException {
    List<CommitRecord> records = CommitWriter.inIdOrder(batch);
    TreeSet<String> emails = new TreeSet<>();
    try (PreparedStatement commits = c.prepareStatement(INSERT_COMMIT);
        PreparedStatement trailers =
            c.prepareStatement(
                "INSERT INTO commit_trailers (repo_id, commit_id, position, trailer_key,"
                    + " trailer_value) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
        PreparedStatement coAuthors =
            c.prepareStatement(
                "INSERT INTO commit_co_authors (repo_id, commit_id, position, name, email,"
                    + " mapped_name, mapped_email) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")) {
      boolean anyTrailer = false;
      boolean anyCoAuthor = false;
      for (CommitRecord r : records) {
        String id = r.id().hex();
        commits.setLong(1, repoId);
        commits.setString(2, id);
        commits.setString(3, CommitWriter.parents(r));
        bind(commits, 4, r.author());
        bind(commits, 8, r.committer());
        commits.setString(12, r.subject());
        commits.setString(13, r.message());
        commits.setInt(14, r.isMerge() ? 1 : 0);
        mapped(commits, 15, CommitWriter.changed(r.author().identity(), r.mappedAuthor()));
        mapped(commits, 17, CommitWriter.changed(r.committer().identity(), r.mappedCommitter()));
        commits.addBatch();
        emails.add(r.author().email());
        List<Trailer> ts = r.trailers();
        for (int i = 0; i < ts.size(); i++) {
          trailers.setLong(1, repoId);
          trailers.setString(2, id);
          trailers.setInt(3, i);
          trailers.setString(4, ts.get(i).key());
          trailers.setString(5, ts.get(i).value());
          trailers.addBatch();
          anyTrailer = true;
        }
        List<Identity> cs = r.coAuthors();
        for (int i = 0; i < cs.size(); i++) {
          coAuthors.setLong(1, repoId);
          coAuthors.setString(2, id);
          coAuthors.setInt(3, i);
          coAuthors.setString(4, cs.get(i).name());
          coAuthors.setString(5, cs.get(i).email());
          mapped(coAuthors, 6, CommitWriter.changed(cs.get(i), r.mappedCoAuthors().get(i)));
          coAuthors.addBatch();
          anyCoAuthor = true;
        }
      }
      commits.executeBatch();
      if (anyTrailer) {
        trailers.executeBatch();
      }
      if (anyCoAuthor) {
        coAuthors.executeBatch();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO author_emails (email) VALUES (?) ON CONFLICT DO NOTHING")) {
      for (String email : emails) {
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
