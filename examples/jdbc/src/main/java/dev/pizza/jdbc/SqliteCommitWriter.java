package dev.pizza.jdbc;

import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Signature;
import dev.pizza.Trailer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>Every batch runs through {@link PreparedStatement#executeLargeBatch}, which returns the
 * driver's own counts: its {@code executeBatch} is that call followed by a stream copying each
 * count into an {@code int[]}, one element per row (about 400,000 in a 100k-commit bake with line
 * statistics), and that stream runs interpreted for much of a bake on the worker's JIT.
 *
 * <p>A transaction's batches share one {@link SqliteStatements} session: each statement is prepared
 * once per transaction rather than once per batch, the row ids continue from the previous batch's
 * without asking the database again, and an author's email goes to {@code author_emails} once per
 * transaction rather than once per batch (about 300 redundant rows a batch of the synthetic
 * history). A session ends with its transaction, so a rolled back transaction forgets what it
 * stored.
 */
final class SqliteCommitWriter implements CommitWriter {
  @Override
  public Session session(Connection c, long repoId) {
    return new SqliteStatements(c, repoId);
  }

  /** Sorts the records and derives what they bind, on the bake's thread ({@link SqliteBatch}). */
  @Override
  public Batch prepare(List<CommitRecord> records) {
    return new SqliteBatch(records);
  }

  @Override
  public void insert(Connection c, long repoId, Batch batch, Session session) throws SQLException {
    SqliteStatements st = (SqliteStatements) session;
    SqliteBatch rows = batch instanceof SqliteBatch b ? b : new SqliteBatch(batch.records());
    List<CommitRecord> records = rows.records();
    long[] seqs = new long[records.size()];
    long first = st.reserve(seqs.length);
    for (int i = 0; i < seqs.length; i++) {
      seqs[i] = first + i;
    }
    boolean[] inserted = insertCommits(st, rows, seqs);
    List<CommitRecord> fresh = new ArrayList<>(records.size());
    long[] freshSeqs = new long[records.size()];
    for (int i = 0; i < seqs.length; i++) {
      if (inserted[i]) {
        freshSeqs[fresh.size()] = seqs[i];
        fresh.add(records.get(i));
      }
    }
    insertChildren(st, fresh, freshSeqs);
    FileChangeRows.insert(st, fresh, freshSeqs);
  }

  /**
   * Inserts the commits' rows under the row ids {@code seqs}, leaving those already stored as they
   * are; returns which were inserted ({@code true} at the index of a record that was new).
   */
  private static boolean[] insertCommits(SqliteStatements st, SqliteBatch rows, long[] seqs)
      throws SQLException {
    int n = rows.records().size();
    boolean[] inserted = new boolean[n];
    int[] plainAt = new int[n];
    int[] mappedAt = new int[n];
    int plainRows = 0;
    int mappedRows = 0;
    for (int i = 0; i < n; i++) {
      if (addCommit(st, rows, i, seqs[i])) {
        mappedAt[mappedRows++] = i;
      } else {
        plainAt[plainRows++] = i;
      }
    }
    if (plainRows > 0) {
      markInserted(st.plain().executeLargeBatch(), plainAt, inserted);
    }
    if (mappedRows > 0) {
      markInserted(st.mapped().executeLargeBatch(), mappedAt, inserted);
    }
    PreparedStatement emails = null;
    for (String email : rows.authorEmails()) {
      if (st.emails.add(email)) {
        emails = emails == null ? st.authorEmails() : emails;
        emails.setString(1, email);
        emails.addBatch();
      }
    }
    if (emails != null) {
      emails.executeLargeBatch();
    }
    return inserted;
  }

  /**
   * Binds record {@code i} of {@code rows} under the row id {@code seq} and adds it to the batch of
   * its statement; returns whether that is the statement with the {@code mapped_*} columns.
   *
   * <p>One call per row rather than the loop's body: the JIT compiles a method after a few hundred
   * calls, but a loop that runs once per batch (100 times in a 100k-commit bake) only after 60,000
   * iterations, so the body ran in the interpreter for more than half of a bake.
   */
  private static boolean addCommit(SqliteStatements st, SqliteBatch rows, int i, long seq)
      throws SQLException {
    CommitRecord r = rows.records().get(i);
    Identity author = rows.mappedAuthor(i);
    Identity committer = rows.mappedCommitter(i);
    boolean mapped = author != null || committer != null;
    PreparedStatement commits = mapped ? st.mapped() : st.plain();
    commits.setLong(1, seq);
    commits.setString(2, r.id().hex());
    commits.setString(3, rows.parents(i));
    bind(commits, 4, r.author());
    bind(commits, 8, r.committer());
    commits.setString(12, rows.subject(i));
    commits.setString(13, r.message());
    commits.setInt(14, r.isMerge() ? 1 : 0);
    if (mapped) {
      mapped(commits, 15, author);
      mapped(commits, 17, committer);
    }
    commits.addBatch();
    return mapped;
  }

  /** Sets {@code inserted[at[k]]} for each row {@code k} of a batch that changed a row. */
  private static void markInserted(long[] counts, int[] at, boolean[] inserted) {
    for (int k = 0; k < counts.length; k++) {
      inserted[at[k]] = counts[k] > 0;
    }
  }

  /** Inserts the trailers and co-authors of {@code records}, commits just inserted. */
  private static void insertChildren(SqliteStatements st, List<CommitRecord> records, long[] seqs)
      throws SQLException {
    boolean trailers = false;
    boolean coAuthors = false;
    for (int k = 0; k < records.size(); k++) {
      CommitRecord r = records.get(k);
      // Most commits have neither: no call for them.
      if (!r.trailers().isEmpty()) {
        addTrailers(st, r, seqs[k]);
        trailers = true;
      }
      if (!r.coAuthors().isEmpty()) {
        addCoAuthors(st, r, seqs[k]);
        coAuthors = true;
      }
    }
    if (trailers) {
      st.trailers().executeLargeBatch();
    }
    if (coAuthors) {
      st.coAuthors().executeLargeBatch();
    }
  }

  /** Adds the trailers of {@code r}, stored under the row id {@code seq}, to their batch. */
  private static void addTrailers(SqliteStatements st, CommitRecord r, long seq)
      throws SQLException {
    PreparedStatement trailers = st.trailers();
    List<Trailer> ts = r.trailers();
    for (int i = 0; i < ts.size(); i++) {
      trailers.setLong(1, seq);
      trailers.setInt(2, i);
      trailers.setString(3, ts.get(i).key());
      trailers.setString(4, ts.get(i).value());
      trailers.addBatch();
    }
  }

  /** Adds the co-authors of {@code r}, stored under the row id {@code seq}, to their batch. */
  private static void addCoAuthors(SqliteStatements st, CommitRecord r, long seq)
      throws SQLException {
    PreparedStatement coAuthors = st.coAuthors();
    List<Identity> cs = r.coAuthors();
    for (int i = 0; i < cs.size(); i++) {
      coAuthors.setLong(1, seq);
      coAuthors.setInt(2, i);
      coAuthors.setString(3, cs.get(i).name());
      coAuthors.setString(4, cs.get(i).email());
      mapped(coAuthors, 5, CommitWriter.changed(cs.get(i), r.mappedCoAuthors().get(i)));
      coAuthors.addBatch();
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
