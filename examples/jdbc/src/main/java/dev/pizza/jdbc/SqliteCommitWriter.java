package dev.pizza.jdbc;

import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Signature;
import dev.pizza.Trailer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * <p>Each batch numbers its commits upwards from the highest stored row id ({@code seq}; one writer
 * at a time), and inserts the rows beside a commit (trailers, co-authors, line statistics) under
 * that id, only for the commits the batch inserted: a commit stored already keeps its rows.
 *
 * <p>The driver binds each parameter of each row with a call into native code, so a row binds only
 * what differs between rows: the repository's id is part of the statement, and commits whose
 * identities no mailmap changed (almost all) go through a statement without the four {@code
 * mapped_*} columns, which stay NULL.
 */
final class SqliteCommitWriter implements CommitWriter {
  private static final String COMMIT_COLUMNS =
      "seq, repo_id, commit_id, parent_ids, author_name, author_email, author_time, author_offset,"
          + " committer_name, committer_email, committer_time, committer_offset, subject, message,"
          + " is_merge";

  @Override
  public void insert(Connection c, long repoId, Batch batch) throws SQLException {
    List<CommitRecord> records = CommitWriter.inIdOrder(batch.records());
    long[] seqs = new long[records.size()];
    long next = maxSeq(c);
    for (int i = 0; i < seqs.length; i++) {
      seqs[i] = ++next;
    }
    boolean[] inserted = insertCommits(c, repoId, records, seqs);
    List<CommitRecord> fresh = new ArrayList<>(records.size());
    long[] freshSeqs = new long[records.size()];
    for (int i = 0; i < seqs.length; i++) {
      if (inserted[i]) {
        freshSeqs[fresh.size()] = seqs[i];
        fresh.add(records.get(i));
      }
    }
    insertChildren(c, repoId, fresh, freshSeqs);
    FileChangeRows.insert(c, repoId, fresh, freshSeqs);
  }

  /**
   * Returns the highest row id of {@code commits}: the bake's transaction holds SQLite's write lock
   * (one writer at a time), so the ids above it are free until it commits.
   */
  private static long maxSeq(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM commits");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /**
   * Inserts the commits' rows under the row ids {@code seqs}, leaving those already stored as they
   * are; returns which were inserted ({@code true} at the index of a record that was new).
   */
  private static boolean[] insertCommits(
      Connection c, long repoId, List<CommitRecord> records, long[] seqs) throws SQLException {
    boolean[] inserted = new boolean[records.size()];
    Set<String> emails = new HashSet<>();
    try (PreparedStatement plain =
            c.prepareStatement(
                "INSERT INTO commits ("
                    + COMMIT_COLUMNS
                    + ") VALUES (?, "
                    + repoId
                    + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
        PreparedStatement mapped =
            c.prepareStatement(
                "INSERT INTO commits ("
                    + COMMIT_COLUMNS
                    + ", mapped_author_name, mapped_author_email, mapped_committer_name,"
                    + " mapped_committer_email) VALUES (?, "
                    + repoId
                    + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      int[] plainAt = new int[records.size()];
      int[] mappedAt = new int[records.size()];
      int plainRows = 0;
      int mappedRows = 0;
      for (int i = 0; i < records.size(); i++) {
        CommitRecord r = records.get(i);
        Identity author = CommitWriter.changed(r.author().identity(), r.mappedAuthor());
        Identity committer = CommitWriter.changed(r.committer().identity(), r.mappedCommitter());
        PreparedStatement commits = author == null && committer == null ? plain : mapped;
        commits.setLong(1, seqs[i]);
        commits.setString(2, r.id().hex());
        commits.setString(3, CommitWriter.parents(r));
        bind(commits, 4, r.author());
        bind(commits, 8, r.committer());
        commits.setString(12, r.subject());
        commits.setString(13, r.message());
        commits.setInt(14, r.isMerge() ? 1 : 0);
        if (commits == mapped) {
          mapped(commits, 15, author);
          mapped(commits, 17, committer);
          mappedAt[mappedRows++] = i;
        } else {
          plainAt[plainRows++] = i;
        }
        commits.addBatch();
        emails.add(r.author().email());
      }
      if (plainRows > 0) {
        markInserted(plain.executeBatch(), plainAt, inserted);
      }
      if (mappedRows > 0) {
        markInserted(mapped.executeBatch(), mappedAt, inserted);
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
    return inserted;
  }

  /** Sets {@code inserted[at[k]]} for each row {@code k} of a batch that changed a row. */
  private static void markInserted(int[] counts, int[] at, boolean[] inserted) {
    for (int k = 0; k < counts.length; k++) {
      inserted[at[k]] = counts[k] > 0;
    }
  }

  /** Inserts the trailers and co-authors of {@code records}, commits just inserted. */
  private static void insertChildren(
      Connection c, long repoId, List<CommitRecord> records, long[] seqs) throws SQLException {
    try (PreparedStatement trailers =
            c.prepareStatement(
                "INSERT INTO commit_trailers (repo_id, commit_seq, position, trailer_key,"
                    + " trailer_value) VALUES ("
                    + repoId
                    + ", ?, ?, ?, ?)");
        PreparedStatement coAuthors =
            c.prepareStatement(
                "INSERT INTO commit_co_authors (repo_id, commit_seq, position, name, email,"
                    + " mapped_name, mapped_email) VALUES ("
                    + repoId
                    + ", ?, ?, ?, ?, ?, ?)")) {
      boolean anyTrailer = false;
      boolean anyCoAuthor = false;
      for (int k = 0; k < records.size(); k++) {
        CommitRecord r = records.get(k);
        List<Trailer> ts = r.trailers();
        for (int i = 0; i < ts.size(); i++) {
          trailers.setLong(1, seqs[k]);
          trailers.setInt(2, i);
          trailers.setString(3, ts.get(i).key());
          trailers.setString(4, ts.get(i).value());
          trailers.addBatch();
          anyTrailer = true;
        }
        List<Identity> cs = r.coAuthors();
        for (int i = 0; i < cs.size(); i++) {
          coAuthors.setLong(1, seqs[k]);
          coAuthors.setInt(2, i);
          coAuthors.setString(3, cs.get(i).name());
          coAuthors.setString(4, cs.get(i).email());
          mapped(coAuthors, 5, CommitWriter.changed(cs.get(i), r.mappedCoAuthors().get(i)));
          coAuthors.addBatch();
          anyCoAuthor = true;
        }
      }
      if (anyTrailer) {
        trailers.executeBatch();
      }
      if (anyCoAuthor) {
        coAuthors.executeBatch();
      }
    }
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
