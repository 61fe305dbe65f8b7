package dev.pizza.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The databases pizza-jdbc stores commits in, and what differs between them. */
public enum SqlDialect {
  /**
   * PostgreSQL: bulk loads with {@code COPY}; the original's views live in schema {@code
   * pizza_original}.
   */
  POSTGRESQL("db/migration/postgresql", "pizza_original.", "9"),
  /**
   * SQLite: batched inserts, one writer at a time; the original's views are prefixed {@code
   * original_}.
   */
  SQLITE("db/migration/sqlite", "original_", "10");

  private final String migrations;
  private final String originalPrefix;
  private final String latestMigration;

  SqlDialect(String migrations, String originalPrefix, String latestMigration) {
    this.migrations = migrations;
    this.originalPrefix = originalPrefix;
    this.latestMigration = latestMigration;
  }

  /** Returns the dialect of the database {@code connection} talks to. */
  public static SqlDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    if (product.contains("sqlite")) {
      return SQLITE;
    }
    throw new SQLException("pizza-jdbc supports PostgreSQL and SQLite, not " + product);
  }

  /** Returns the class path location of this dialect's Flyway migrations. */
  public String migrationLocation() {
    return "classpath:" + migrations;
  }

  /**
   * Returns the version of the newest migration in {@link #migrationLocation()} (its file's {@code
   * V<version>__}); PizzaDatabaseTest checks that it is the newest file's.
   */
  String latestMigration() {
    return latestMigration;
  }

  /**
   * Returns how the original service's table {@code table} ({@code baked_repos}, {@code
   * commit_authors} or {@code commits}) is named here: {@code pizza_original.commits} on
   * PostgreSQL, {@code original_commits} on SQLite.
   */
  public String originalTable(String table) {
    return originalPrefix + table;
  }

  /** Returns SQL that turns epoch seconds in {@code column} into UTC {@code YYYY-MM} text. */
  String month(String column) {
    return this == POSTGRESQL
        ? "to_char(to_timestamp(" + column + ") AT TIME ZONE 'UTC', 'YYYY-MM')"
        : "strftime('%Y-%m', " + column + ", 'unixepoch')";
  }

  /**
   * Returns SQL that orders text {@code column} by its bytes (as git orders paths): SQLite's
   * default, the {@code "C"} collation on PostgreSQL, whose default follows the database's locale.
   */
  String byteOrder(String column) {
    return this == POSTGRESQL ? column + " COLLATE \"C\"" : column;
  }
}
