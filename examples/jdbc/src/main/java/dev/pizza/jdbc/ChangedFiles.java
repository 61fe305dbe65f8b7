package dev.pizza.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The most changed files of a repository ({@link RepositoryStats#mostChangedFiles()}), read by one
 * grouping query over {@code commit_files}, which the index {@code commit_files_path} orders by
 * path. A repository baked without line statistics has no rows there, so the list is empty.
 */
final class ChangedFiles {
  private ChangedFiles() {}

  /**
   * Returns at most {@code limit} paths of repository {@code repo} by commits that changed them,
   * most first, then by lines added and removed, most first, then by path in byte order.
   */
  static List<RepositoryStats.ChangedFile> top(
      Connection c, SqlDialect dialect, long repo, int limit) throws SQLException {
    // A path appears once per commit (git's diff names each path once), but COUNT(DISTINCT) keeps
    // the figure a count of commits whatever a writer did. NULL counts are binary or too large.
    String sql =
        "SELECT path, COUNT(DISTINCT commit_seq), COALESCE(SUM(added), 0),"
            + " COALESCE(SUM(removed), 0) FROM "
            + FileChangeRows.FILES_TABLE
            + " WHERE repo_id = ? GROUP BY path"
            + " ORDER BY 2 DESC, COALESCE(SUM(added), 0) + COALESCE(SUM(removed), 0) DESC, "
            + dialect.byteOrder("path")
            + " LIMIT ?";
    List<RepositoryStats.ChangedFile> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, repo);
      ps.setInt(2, Math.max(limit, 0));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new RepositoryStats.ChangedFile(
                  rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return out;
  }
}
