package dev.pizza.jdbc;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes and deletes the stored commits of one repository inside the caller's transaction: the bulk
 * path differs per database, deletes are the same SQL on both.
 */
sealed interface CommitWriter permits PostgresCommitWriter, SqliteCommitWriter {

  /**
   * The tables holding the rows beside a commit, each keyed by the commit's row id ({@code
   * commit_seq}, the {@code seq} of its {@code commits} row) and holding its {@code repo_id}.
   */
  List<String> CHILD_TABLES =
      List.of(
          "commit_trailers",
          "commit_co_authors",
          FileChangeRows.STATS_TABLE,
          FileChangeRows.FILES_TABLE);

  /** Returns the writer for {@code dialect}. */
  static CommitWriter of(SqlDialect dialect) {
    return dialect == SqlDialect.POSTGRESQL ? new PostgresCommitWriter() : new SqliteCommitWriter();
  }

  /** A batch of records as {@link #prepare} made it ready for {@link #insert}. */
  interface Batch {
    /** Returns the batch's records. */
    List<CommitRecord> records();
  }

  /**
   * Returns {@code records} ready for {@link #insert}, with the work done that needs no connection:
   * it runs on the thread that delivered them (the bake's), while the writer thread stores the
   * previous batch. The default does nothing.
   */
  default Batch prepare(List<CommitRecord> records) {
    return () -> records;
  }

  /**
   * What a writer keeps from one batch to the next within one transaction on one connection (on
   * SQLite its prepared statements and what it stored already). {@link #session} makes one when the
   * transaction opens; it is closed when the transaction commits or rolls back, before its
   * connection is.
   */
  interface Session extends AutoCloseable {
    @Override
    void close() throws SQLException;
  }

  /**
   * Returns the session of the transaction just opened on {@code c} for the repository {@code
   * repoId}. The default keeps nothing.
   */
  default Session session(Connection c, long repoId) {
    return () -> {};
  }

  /**
   * Inserts the batch's records, leaving those already stored as they are; the line statistics of
   * those that carry them go to their own tables ({@link FileChangeRows}). {@code session} is that
   * of the transaction open on {@code c}.
   */
  void insert(Connection c, long repoId, Batch batch, Session session) throws SQLException;

  /** Deletes exactly {@code commits} (those stored) with the rows beside them. */
  default void delete(Connection c, long repoId, List<CommitId> commits) throws SQLException {
    for (String table : CHILD_TABLES) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "DELETE FROM "
                  + table
                  + " WHERE commit_seq = (SELECT seq FROM commits WHERE repo_id = ? AND commit_id"
                  + " = ?)")) {
        for (CommitId id : commits) {
          ps.setLong(1, repoId);
          ps.setString(2, id.hex());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM commits WHERE repo_id = ? AND commit_id = ?")) {
      for (CommitId id : commits) {
        ps.setLong(1, repoId);
        ps.setString(2, id.hex());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Deletes every stored commit of the repository. */
  default void deleteAll(Connection c, long repoId) throws SQLException {
    for (String table : allTables()) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM " + table + " WHERE repo_id = ?")) {
        ps.setLong(1, repoId);
        ps.executeUpdate();
      }
    }
  }

  /** Returns {@link #CHILD_TABLES} and then {@code commits}. */
  static List<String> allTables() {
    List<String> all = new ArrayList<>(CHILD_TABLES);
    all.add("commits");
    return all;
  }

  /**
   * Returns {@code records} ordered by commit id. Inserted in that order, a batch walks the unique
   * index on (repo_id, commit_id) (in random order of delivery) from one end to the other, and
   * touches each of its pages once rather than at random.
   *
   * <p>The order is that of each id's leading 64 bits less the few that number the records (ties
   * keep their order of delivery, which only ids sharing their first dozen or more hex digits can
   * have): a sort of primitive keys, parsed from the ids, rather than of the records by a
   * comparator of their ids' strings, which cost the bake's thread about a tenth of its CPU when it
   * sorted there.
   */
  static List<CommitRecord> inIdOrder(List<CommitRecord> records) {
    int n = records.size();
    if (n < 2) {
      return records;
    }
    int indexBits = 32 - Integer.numberOfLeadingZeros(n - 1);
    long indexMask = (1L << indexBits) - 1;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      // The sign bit flipped, so that a signed sort orders the ids' unsigned prefixes.
      keys[i] = ((leadingBits(records.get(i).id()) & ~indexMask) | i) ^ Long.MIN_VALUE;
    }
    Arrays.sort(keys);
    List<CommitRecord> sorted = new ArrayList<>(n);
    for (long key : keys) {
      sorted.add(records.get((int) (key & indexMask)));
    }
    return sorted;
  }

  /** Returns the first 16 hex digits of {@code id} (lowercase) as an unsigned number. */
  private static long leadingBits(CommitId id) {
    String hex = id.hex();
    long v = 0;
    for (int i = 0; i < 16; i++) {
      char c = hex.charAt(i);
      v = (v << 4) | (c <= '9' ? c - '0' : c - 'a' + 10);
    }
    return v;
  }

  /**
   * Returns the identity to store in a {@code mapped_*} column pair: {@code mapped} when the
   * mailmap changed {@code written}, else null (the columns then stay NULL, read as the written
   * identity).
   */
  static @Nullable Identity changed(Identity written, Identity mapped) {
    return mapped.equals(written) ? null : mapped;
  }

  /** Returns the parents' ids in order, separated by single spaces (empty for a root). */
  static String parents(CommitRecord r) {
    StringBuilder b = new StringBuilder(r.parents().size() * 41);
    for (CommitId p : r.parents()) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(p.hex());
    }
    return b.toString();
  }
}
