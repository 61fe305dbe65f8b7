package dev.pizza.examples.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The accepted bake requests not yet finished, in the table {@code bake_requests} (pizza-jdbc's
 * migration V2, on PostgreSQL and SQLite): one row per repository, inserted before a request is
 * answered and deleted when its bake ends, so that a restart or a crash resumes every accepted
 * request. A row that outlives its bake (a crash between the bake and the delete) bakes once more,
 * which the exactly-once sink makes harmless.
 */
final class BakeRequestTable {
  /** A stored request. */
  record Row(String key, String url, long requestedAtMillis) {}

  private final DataSource dataSource;

  BakeRequestTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records a request for the repository unless one is already recorded. */
  void insert(String key, String url, long nowMillis) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO bake_requests (repo_key, url, requested_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (repo_key) DO NOTHING")) {
      ps.setString(1, key);
      ps.setString(2, url);
      ps.setLong(3, nowMillis);
      ps.executeUpdate();
    }
  }

  /** Forgets the repository's request. */
  void delete(String key) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM bake_requests WHERE repo_key = ?")) {
      ps.setString(1, key);
      ps.executeUpdate();
    }
  }

  /** Returns every recorded request, oldest first. */
  List<Row> all() throws SQLException {
    List<Row> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT repo_key, url, requested_at FROM bake_requests"
                    + " ORDER BY requested_at, repo_key");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Row(rs.getString(1), rs.getString(2), rs.getLong(3)));
      }
    }
    return out;
  }
}
