package dev.pizza.jdbc;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
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

  /**
   * Inserts {@code records}, leaving those already stored as they are; the line statistics of those
   * that carry them go to their own tables ({@link FileChangeRows}).
   */
  void insert(Connection c, long repoId, List<CommitRecord> records) throws SQLException;

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
   * Returns {@code records} ordered by commit id. Inserted in that order, a batch walks the primary
   * keys (which start with the commit id, in random order of delivery) from one end to the other,
   * and touches each of their pages once rather than at random. Returns {@code records} itself when
   * it is in that order already (the sink sorts each batch before the writer thread sees it).
   */
  static List<CommitRecord> inIdOrder(List<CommitRecord> records) {
    boolean ordered = true;
    for (int i = 1; ordered && i < records.size(); i++) {
      ordered = records.get(i - 1).id().compareTo(records.get(i).id()) <= 0;
    }
    if (ordered) {
      return records;
    }
    List<CommitRecord> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.comparing(CommitRecord::id));
    return sorted;
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
