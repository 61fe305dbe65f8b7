package dev.pizza.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A pooled, migrated pizza database: the usual way to get a {@link JdbcCommitSink} and {@link
 * CommitQueries}.
 *
 * <pre>{@code
 * try (PizzaDatabase db = PizzaDatabase.open("jdbc:postgresql://127.0.0.1/pizza?user=pizza")) {
 *   oven.bakeAll(urls, db.sink());
 *   db.queries().repositories().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>{@link #open} builds a HikariCP pool for the JDBC URL ({@code jdbc:postgresql:...} or {@code
 * jdbc:sqlite:FILE}) and migrates the schema with Flyway. SQLite connections use WAL (readers never
 * wait for the writer), immediate write transactions and a busy timeout, so that writers from other
 * processes wait for each other instead of failing. For the bulk writes of a bake they also use
 * {@code synchronous=NORMAL} (in WAL mode a commit is still atomic and a crash of the process loses
 * nothing; a power loss may lose the last commits, each with its checkpoint, which the next bake
 * sends again, so exactly-once holds), pages of {@value #SQLITE_PAGE_SIZE} bytes in a new database,
 * a page cache of up to {@value #SQLITE_CACHE_KIB} KiB per connection (native memory, outside the
 * Java heap, taken as pages are read: it holds the primary keys of a million commits, whose random
 * keys otherwise miss it at every insert; 64 MiB made a 1M commit bake 12% slower), temporary
 * B-trees in memory, and a WAL checkpoint once the WAL holds {@value #SQLITE_WAL_BYTES} bytes of
 * pages rather than every 1000 pages, so that a page written by several of a bake's transactions is
 * copied into the database once. SQLite connections come from the driver's own {@link
 * SQLiteDataSource}, not from {@code DriverManager}, whose first use loads every JDBC driver on the
 * class path (about 0.05 s of CPU in a short-lived CLI). A host with its own {@link DataSource}
 * calls {@link #migrate} once and then {@link JdbcCommitSink#of} and {@link CommitQueries#of}, and
 * should set the same pragmas.
 */
public final class PizzaDatabase implements AutoCloseable {
  /** How long a SQLite writer waits for another process's write transaction. */
  static final Duration SQLITE_BUSY_TIMEOUT = Duration.ofMinutes(5);

  /** SQLite's page cache per connection, in KiB. */
  static final int SQLITE_CACHE_KIB = 262_144;

  /**
   * The page size of a new SQLite database, in bytes: four times SQLite's default, so that the
   * B-trees a bake inserts into at random (the commits' key above all) are shallower and a commit
   * touches fewer pages. A 100k-commit bake used about 5% less CPU than with 4 KiB pages. An
   * existing database keeps the page size it was created with.
   */
  static final int SQLITE_PAGE_SIZE = 16_384;

  /**
   * How many bytes of pages SQLite's WAL may hold before a commit copies them into the database:
   * the WAL's disk use during a bake. Set as pages of the database's own page size.
   */
  static final long SQLITE_WAL_BYTES = 100L * 1024 * 1024;

  /**
   * The commits between a bake's intermediate checkpoints that suit a database sink, for {@code
   * PizzaOven.Builder.intermediateCheckpoints(CHECKPOINT_COMMITS, CHECKPOINT_TIME)}: ten times the
   * oven's default. Each checkpoint commits a transaction, and a commit writes every index page the
   * transaction changed; the commit ids' random order spreads a batch's rows over the whole primary
   * key, so a commit costs about the size of that index however few commits it holds.
   */
  public static final long CHECKPOINT_COMMITS = 100_000;

  /**
   * The time between a bake's intermediate checkpoints that suits a database sink (see {@link
   * #CHECKPOINT_COMMITS}): what a bake killed or failed loses at most.
   */
  public static final Duration CHECKPOINT_TIME = Duration.ofSeconds(30);

  private final HikariDataSource pool;
  private final SqlDialect dialect;
  private final @Nullable Path sqliteFile;
  private final JdbcCommitSink sink;
  private final CommitQueries queries;

  private PizzaDatabase(HikariDataSource pool, SqlDialect dialect, @Nullable Path sqliteFile) {
    this.pool = pool;
    this.dialect = dialect;
    this.sqliteFile = sqliteFile;
    this.sink = JdbcCommitSink.of(pool, dialect);
    this.queries = CommitQueries.of(pool, dialect);
  }

  /**
   * Opens a pool on {@code jdbcUrl} and brings the schema up to date.
   *
   * @throws SQLException if the database cannot be reached or migrated
   */
  public static PizzaDatabase open(String jdbcUrl) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setPoolName("pizza");
    Path sqliteFile = null;
    if (jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlite:")) {
      CreatedSqlite created = createSqlite(jdbcUrl);
      int pageSize = created.pageSize();
      sqliteFile = created.file();
      Properties pragmas = new Properties();
      pragmas.setProperty("journal_mode", "WAL");
      pragmas.setProperty("busy_timeout", Long.toString(SQLITE_BUSY_TIMEOUT.toMillis()));
      pragmas.setProperty("transaction_mode", "IMMEDIATE");
      pragmas.setProperty("synchronous", "NORMAL");
      pragmas.setProperty("cache_size", Integer.toString(-SQLITE_CACHE_KIB));
      pragmas.setProperty("temp_store", "MEMORY");
      pragmas.setProperty("wal_autocheckpoint", Long.toString(SQLITE_WAL_BYTES / pageSize));
      config.setDataSource(sqliteDataSource(jdbcUrl, new SQLiteConfig(pragmas)));
      config.setMaximumPoolSize(4);
      config.setMinimumIdle(1);
    } else {
      config.setJdbcUrl(jdbcUrl);
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new SQLException("cannot open " + redacted(jdbcUrl) + ": " + e.getMessage(), e);
    }
    try {
      return new PizzaDatabase(pool, migrate(pool), sqliteFile);
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** A SQLite database's page size and its file (null in memory). */
  private record CreatedSqlite(int pageSize, @Nullable Path file) {}

  /**
   * Gives a new (empty) SQLite database {@link #SQLITE_PAGE_SIZE} and WAL mode, in that order: once
   * WAL mode is on, the page size is fixed, and the pool's connections turn it on as they open.
   * Leaves an existing database as it is. Returns the database's page size and file.
   */
  private static CreatedSqlite createSqlite(String jdbcUrl) throws SQLException {
    try (Connection c = sqliteDataSource(jdbcUrl, new SQLiteConfig()).getConnection();
        Statement s = c.createStatement()) {
      if (pragma(s, "page_count") == 0) {
        s.execute("PRAGMA page_size = " + SQLITE_PAGE_SIZE);
        s.execute("PRAGMA journal_mode = WAL");
      }
      return new CreatedSqlite((int) pragma(s, "page_size"), SqliteWriteBack.databaseFile(c));
    }
  }

  private static SQLiteDataSource sqliteDataSource(String jdbcUrl, SQLiteConfig config) {
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl(jdbcUrl);
    return dataSource;
  }

  private static long pragma(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      if (!rs.next()) {
        throw new SQLException("PRAGMA " + name + " returned no row");
      }
      return rs.getLong(1);
    }
  }

  /**
   * Creates or upgrades pizza's tables and views in the database behind {@code dataSource} and
   * returns its dialect.
   */
  public static SqlDialect migrate(DataSource dataSource) throws SQLException {
    SqlDialect dialect;
    try (Connection c = dataSource.getConnection()) {
      dialect = SqlDialect.of(c);
      if (atLatestMigration(c, dialect)) {
        // Flyway would find nothing to do, after about a second of CPU in a new JVM (its classes,
        // its plugins, a scan of the class path): a CLI pays that on every run.
        return dialect;
      }
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(dialect.migrationLocation())
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new SQLException("cannot migrate the pizza schema: " + e.getMessage(), e);
    }
    return dialect;
  }

  /**
   * Returns whether Flyway's history says the newest migration of {@code dialect} was applied.
   * False when there is no history (a new database) or it cannot be read; Flyway then decides.
   */
  private static boolean atLatestMigration(Connection c, SqlDialect dialect) {
    boolean autoCommit = true;
    try {
      autoCommit = c.getAutoCommit();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT 1 FROM flyway_schema_history WHERE version = ? AND success = ?")) {
        ps.setString(1, dialect.latestMigration());
        ps.setBoolean(2, true);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    } catch (SQLException e) {
      if (!autoCommit) {
        try {
          c.rollback(); // PostgreSQL refuses the transaction's next statement after an error
        } catch (SQLException ignored) {
          // The connection goes back to the pool, which resets or discards it.
        }
      }
      return false;
    }
  }

  /** Returns the pooled data source. */
  public DataSource dataSource() {
    return pool;
  }

  /** Returns which database this is. */
  public SqlDialect dialect() {
    return dialect;
  }

  /** Returns the sink writing to this database (one, shared by every bake). */
  public JdbcCommitSink sink() {
    return sink;
  }

  /** Returns the queries over this database's stored commits. */
  public CommitQueries queries() {
    return queries;
  }

  /**
   * Closes the pool. The last SQLite connection to close checkpoints the WAL into the database
   * file, syncing both; meanwhile a thread syncs them too ({@link SqliteWriteBack}), so that the
   * disk writes the pages while SQLite still copies them.
   */
  @Override
  public void close() {
    Path file = sqliteFile;
    if (file == null) {
      pool.close();
      return;
    }
    try (SqliteWriteBack w = SqliteWriteBack.start(List.of(SqliteWriteBack.wal(file), file))) {
      pool.close();
    }
  }

  private static String redacted(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
