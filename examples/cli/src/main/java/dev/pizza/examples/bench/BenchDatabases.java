package dev.pizza.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The PostgreSQL databases a benchmark bakes into, one new database per run on a server whose user
 * may create them ({@code pizza_bench_<pid>_<n>}, dropped after the run), and the deletion of a
 * run's SQLite file.
 */
final class BenchDatabases {
  private final String server;
  private int created;

  /** Creates databases on the server of {@code server}, a JDBC URL naming any database. */
  BenchDatabases(String server) {
    this.server = server;
  }

  /** Creates a new database and returns its URL. */
  String create() throws SQLException {
    String name = "pizza_bench_" + ProcessHandle.current().pid() + "_" + ++created;
    admin("CREATE DATABASE " + name);
    return database(server, name);
  }

  /** Drops the database of {@code url}, made by {@link #create}. */
  void drop(String url) throws SQLException {
    int slash = url.lastIndexOf('/');
    int end = url.indexOf('?', slash);
    admin("DROP DATABASE " + url.substring(slash + 1, end < 0 ? url.length() : end));
  }

  private void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(server);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Returns {@code url} with its database name replaced by {@code name}. */
  static String database(String url, String name) {
    int hosts = url.indexOf("//");
    int slash = url.indexOf('/', hosts + 2);
    if (hosts < 0 || slash < 0) {
      throw new IllegalArgumentException("--postgres: expected jdbc:postgresql://HOST[:PORT]/DB");
    }
    int end = url.indexOf('?', slash);
    return url.substring(0, slash + 1) + name + (end < 0 ? "" : url.substring(end));
  }

  /** Returns {@code url} with its password, if any, replaced by stars. */
  static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  /** Deletes a SQLite database file with its WAL and shared-memory files. */
  static void deleteSqlite(Path db) throws IOException {
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(db + suffix));
    }
  }
}
