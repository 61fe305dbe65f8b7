package dev.pizza.jdbc;

import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.RepositoryId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The per-repository rows beside the commits: the repository, its checkpoint, its bakes.
 *
 * <p>A checkpoint is rows of {@code checkpoints}: one per tip ({@code ref_name}, {@code
 * commit_id}); an intermediate checkpoint adds one row of {@code checkpoint_targets} per target tip
 * and one of {@code checkpoint_progress} with its order and count (V6).
 */
final class RepositoryRows {
  private RepositoryRows() {}

  /** Inserts or updates the repository's row and returns its id. */
  static long ensure(Connection c, RepositoryId id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO repositories (repo_key, url) VALUES (?, ?) ON CONFLICT (repo_key)"
                + " DO UPDATE SET url = excluded.url RETURNING id")) {
      ps.setString(1, id.key());
      ps.setString(2, id.url());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Returns the id of the repository with {@code key}, if it was ever stored. */
  static OptionalLong find(Connection c, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM repositories WHERE repo_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /** Returns the checkpoint stored for the repository with {@code key}, or the empty one. */
  static Checkpoint checkpoint(Connection c, String key) throws SQLException {
    Map<String, CommitId> tips = refs(c, "checkpoints", key);
    Map<String, CommitId> target = refs(c, "checkpoint_targets", key);
    if (target.isEmpty()) {
      return tips.isEmpty() ? Checkpoint.empty() : new Checkpoint(tips);
    }
    long delivered = 0;
    String order = "";
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT p.walk_order, p.delivered FROM checkpoint_progress p"
                + " JOIN repositories r ON r.id = p.repo_id WHERE r.repo_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          order = rs.getString(1);
          delivered = rs.getLong(2);
        }
      }
    }
    return Checkpoint.intermediate(tips, target, delivered, order);
  }

  private static Map<String, CommitId> refs(Connection c, String table, String key)
      throws SQLException {
    Map<String, CommitId> refs = new TreeMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT k.ref_name, k.commit_id FROM "
                + table
                + " k JOIN repositories r ON r.id = k.repo_id WHERE r.repo_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          refs.put(rs.getString(1), CommitId.of(rs.getString(2)));
        }
      }
    }
    return refs;
  }

  /** Replaces the repository's stored checkpoint with {@code checkpoint}. */
  static void saveCheckpoint(Connection c, long repoId, Checkpoint checkpoint) throws SQLException {
    for (String table : List.of("checkpoints", "checkpoint_targets", "checkpoint_progress")) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM " + table + " WHERE repo_id = ?")) {
        ps.setLong(1, repoId);
        ps.executeUpdate();
      }
    }
    insertRefs(c, "checkpoints", repoId, checkpoint.tips());
    if (!checkpoint.isComplete()) {
      insertRefs(c, "checkpoint_targets", repoId, checkpoint.target());
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO checkpoint_progress (repo_id, walk_order, delivered) VALUES (?, ?, ?)")) {
        ps.setLong(1, repoId);
        ps.setString(2, checkpoint.order());
        ps.setLong(3, checkpoint.delivered());
        ps.executeUpdate();
      }
    }
  }

  private static void insertRefs(
      Connection c, String table, long repoId, Map<String, CommitId> refs) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO " + table + " (repo_id, ref_name, commit_id) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, CommitId> tip : refs.entrySet()) {
        ps.setLong(1, repoId);
        ps.setString(2, tip.getKey());
        ps.setString(3, tip.getValue().hex());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Inserts or updates the row of bake {@code bakeId} in the bake history. */
  static void recordBake(
      Connection c, String bakeId, long repoId, BakeRecord bake, SqlDialect dialect)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO bakes (bake_id, repo_id, started_at, finished_at, outcome, new_commits,"
                + " retracted_commits, resynced, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (bake_id) DO UPDATE SET finished_at = excluded.finished_at,"
                + " outcome = excluded.outcome, new_commits = excluded.new_commits,"
                + " retracted_commits = excluded.retracted_commits, resynced = excluded.resynced,"
                + " error = excluded.error")) {
      ps.setString(1, bakeId);
      ps.setLong(2, repoId);
      ps.setLong(3, bake.started().toEpochMilli());
      ps.setLong(4, bake.finished().toEpochMilli());
      ps.setString(5, bake.outcome().name().toLowerCase(java.util.Locale.ROOT));
      ps.setLong(6, bake.newCommits());
      ps.setLong(7, bake.retractedCommits());
      if (dialect == SqlDialect.POSTGRESQL) {
        ps.setBoolean(8, bake.resynced());
      } else {
        ps.setInt(8, bake.resynced() ? 1 : 0);
      }
      @Nullable String error = bake.error().orElse(null);
      ps.setString(9, error);
      ps.executeUpdate();
    }
  }
}
