package dev.pizza.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite's covering stats index {@code commits_by_time} ({@code V8__one_stats_index.sql}), built
 * once after a bulk load instead of maintained row by row.
 *
 * <p>The index holds a wide entry per commit, inserted at random (a bake delivers commits in walk
 * order, not in order of time): at a million commits it no longer fits the page cache beside the
 * primary keys, and every commit of a transaction rewrites each index page it dirtied into the WAL.
 * Once a bake has delivered at least {@link #MIN_DELIVERED} commits and at least as many as the
 * table held before it (a first bake, a resync), {@link #dropForBulkLoad} drops the index inside
 * the bake's transaction; {@link #ensure}, which the sink runs in the transaction of a bake's
 * complete checkpoint and in that of an abort, creates it again from the stored rows: one sort,
 * about 2 s of CPU at a million commits, where maintaining it cost the writer thread about as much
 * CPU and every intermediate checkpoint wrote it again (a 1M bake writes about a fifth less in
 * all). Intermediate checkpoints commit without it, rebuilding it at each would cost a full build
 * per checkpoint: while such a bake runs, and after a crash in it until the next bake of any
 * repository ends, queries read the table instead of the index (slower, same answers). DDL is
 * transactional in SQLite: a rolled back or crashed transaction leaves the index as the last commit
 * left it.
 */
final class DeferredStatsIndex {
  static final String NAME = "commits_by_time";

  /** The index as V8 creates it (DeferredStatsIndexTest compares the two). */
  static final String CREATE =
      "CREATE INDEX IF NOT EXISTS "
          + NAME
          + " ON commits (repo_id, committer_time, committer_email, is_merge,"
          + " mapped_committer_email, author_email, author_time, author_name, mapped_author_email,"
          + " mapped_author_name)";

  /**
   * The fewest commits a bake delivers before the index is dropped for it: that of the intermediate
   * checkpoints of a database sink, so that the index is dropped only by a bake that commits more
   * than once. Below, it fits the page cache, a bake's one commit writes it once, and maintaining
   * it costs about what building it once would.
   */
  static final long MIN_DELIVERED = PizzaDatabase.CHECKPOINT_COMMITS;

  private DeferredStatsIndex() {}

  /**
   * Drops the index when a bake that has delivered {@code delivered} commits so far is a bulk load:
   * at least {@code minimum} ({@link #MIN_DELIVERED} but in tests), and at least as many as the
   * table held before the bake.
   */
  static void dropForBulkLoad(Connection c, long delivered, long minimum) throws SQLException {
    if (delivered < minimum || !exists(c)) {
      return;
    }
    // Row ids grow by one per insert: the largest bounds the rows stored (deletes leave gaps).
    long rows = single(c, "SELECT COALESCE(MAX(rowid), 0) FROM commits");
    if (rows - delivered <= delivered) {
      try (Statement s = c.createStatement()) {
        s.execute("DROP INDEX " + NAME);
      }
    }
  }

  /** Creates the index if it is missing (a bulk load dropped it); cheap when it is there. */
  static void ensure(Connection c) throws SQLException {
    if (!exists(c)) {
      try (Statement s = c.createStatement()) {
        s.execute(CREATE);
      }
    }
  }

  static boolean exists(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND name = ?")) {
      ps.setString(1, NAME);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    }
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
