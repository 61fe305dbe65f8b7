package dev.pizza.jdbc;

import java.nio.file.Path;

/** Opens a fresh, migrated pizza database of either dialect for a test. */
final class Databases {
  private Databases() {}

  /**
   * Returns the JDBC URL of a fresh database: a SQLite file in {@code dir}, or a PostgreSQL one.
   */
  static String freshUrl(SqlDialect dialect, Path dir) throws Exception {
    return dialect == SqlDialect.SQLITE
        ? "jdbc:sqlite:" + dir.resolve("pizza-" + System.nanoTime() + ".db")
        : SharedPostgres.newDatabase();
  }

  static PizzaDatabase open(SqlDialect dialect, Path dir) throws Exception {
    return PizzaDatabase.open(freshUrl(dialect, dir));
  }
}
