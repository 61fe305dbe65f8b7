package dev.pizza.jdbc;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/** Opens a fresh pizza database of either dialect for a test, migrated in full or in part. */
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

  /** Returns an unpooled data source of the database at {@code url}, as a host would make one. */
  static DataSource dataSource(SqlDialect dialect, String url) {
    if (dialect == SqlDialect.SQLITE) {
      SQLiteDataSource sqlite = new SQLiteDataSource();
      sqlite.setUrl(url);
      return sqlite;
    }
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(url);
    return pg;
  }

  /**
   * Returns a data source of the database at {@code url} with the schema migrated up to {@code
   * version} alone, as an earlier pizza left it: the start of a migration's test.
   */
  static DataSource migratedTo(SqlDialect dialect, String url, String version) {
    DataSource ds = dataSource(dialect, url);
    Flyway.configure()
        .dataSource(ds)
        .locations(dialect.migrationLocation())
        .target(version)
        .load()
        .migrate();
    return ds;
  }
}
