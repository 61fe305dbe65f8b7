package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.BakeResult;
import dev.pizza.PizzaOven;
import dev.pizza.jgit.JGitBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteDataSource;

/** How a database is opened: the pool's SQLite settings, and a host's own DataSource. */
class PizzaDatabaseTest {
  @TempDir Path tmp;

  private static String pragma(DataSource ds, String name) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void sqlitePool_usesWalAndABusyTimeout_soWritersWaitInsteadOfFailing() throws Exception {
    try (PizzaDatabase db = PizzaDatabase.open("jdbc:sqlite:" + tmp.resolve("p.db"))) {
      assertThat(db.dialect()).isEqualTo(SqlDialect.SQLITE);
      assertThat(pragma(db.dataSource(), "journal_mode")).isEqualToIgnoringCase("wal");
      assertThat(Long.parseLong(pragma(db.dataSource(), "busy_timeout")))
          .isEqualTo(PizzaDatabase.SQLITE_BUSY_TIMEOUT.toMillis());
    }
  }

  @Test
  void sqlitePool_setsTheBulkWritePragmas_elseBakesFsyncAndMissTheCacheAtEveryInsert()
      throws Exception {
    try (PizzaDatabase db = PizzaDatabase.open("jdbc:sqlite:" + tmp.resolve("bulk.db"))) {
      DataSource ds = db.dataSource();
      assertThat(pragma(ds, "synchronous")).as("NORMAL").isEqualTo("1");
      assertThat(Long.parseLong(pragma(ds, "cache_size")))
          .isEqualTo(-PizzaDatabase.SQLITE_CACHE_KIB);
      assertThat(pragma(ds, "temp_store")).as("MEMORY").isEqualTo("2");
      assertThat(Long.parseLong(pragma(ds, "wal_autocheckpoint")))
          .isEqualTo(PizzaDatabase.SQLITE_WAL_BYTES / PizzaDatabase.SQLITE_PAGE_SIZE);
    }
  }

  @Test
  void close_checkpointsTheBakeIntoTheDatabaseFile_andLeavesNoWal() throws Exception {
    Path file = tmp.resolve("closed.db");
    String url = "jdbc:sqlite:" + file;
    GitRepo repo = JdbcCommitSinkTest.richRepository(tmp.resolve("closed.git"));
    String key;
    try (PizzaDatabase db = PizzaDatabase.open(url);
        PizzaOven oven = oven()) {
      key = oven.bake(repo.url(), db.sink()).repository().key();
      assertThat(Path.of(file + "-wal")).as("the bake's commits are in the WAL").exists();
    }
    // The close's checkpoint copied the WAL into the file and deleted it; the thread syncing both
    // meanwhile (SqliteWriteBack) must not create it again.
    assertThat(Path.of(file + "-wal")).doesNotExist();
    assertThat(Thread.getAllStackTraces().keySet())
        .as("close waits for the thread that syncs")
        .noneMatch(t -> t.getName().equals(SqliteWriteBack.THREAD_NAME) && t.isAlive());
    SQLiteDataSource plain = new SQLiteDataSource();
    plain.setUrl("jdbc:sqlite:" + file);
    try (Connection c = plain.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM commits")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(5);
    }
    try (PizzaDatabase db = PizzaDatabase.open(url)) {
      assertThat(db.queries().commits(key)).hasSize(5);
    }
  }

  @Test
  void reopening_keepsTheSchemaAndItsData() throws Exception {
    String url = "jdbc:sqlite:" + tmp.resolve("again.db");
    GitRepo repo = JdbcCommitSinkTest.richRepository(tmp.resolve("again.git"));
    String key;
    try (PizzaDatabase db = PizzaDatabase.open(url);
        PizzaOven oven = oven()) {
      key = oven.bake(repo.url(), db.sink()).repository().key();
    }
    try (PizzaDatabase db = PizzaDatabase.open(url)) {
      assertThat(db.queries().commits(key)).hasSize(5);
    }
  }

  /** An open skips Flyway when its history holds {@link SqlDialect#latestMigration()}. */
  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void latestMigration_isTheNewestMigrationFile(SqlDialect dialect) throws Exception {
    String location = dialect.migrationLocation().substring("classpath:".length());
    Path dir = Path.of(PizzaDatabaseTest.class.getClassLoader().getResource(location).toURI());
    int newest;
    try (Stream<Path> files = Files.list(dir)) {
      newest =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.matches("V\\d+__.*\\.sql"))
              .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
              .max()
              .orElseThrow();
    }

    assertThat(dialect.latestMigration()).isEqualTo(Integer.toString(newest));
  }

  @Test
  void databaseWithAnOlderSchema_isMigrated_notSkipped() throws Exception {
    String url = "jdbc:sqlite:" + tmp.resolve("old.db");
    // As a database last opened by a pizza of the first release: the schema up to V1 alone.
    Databases.migratedTo(SqlDialect.SQLITE, url, "1");

    try (PizzaDatabase db = PizzaDatabase.open(url);
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history"
                    + " WHERE success = 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(Integer.toString(rs.getInt(1))).isEqualTo(SqlDialect.SQLITE.latestMigration());
    }
  }

  @Test
  void sqlitePageSize_largeInANewDatabase_keptInAnExistingOne() throws Exception {
    String existing = "jdbc:sqlite:" + tmp.resolve("existing.db");
    // As a database of an earlier pizza, created with SQLite's default page size.
    Databases.migratedTo(SqlDialect.SQLITE, existing, "7");

    assertThat(pragma("jdbc:sqlite:" + tmp.resolve("new.db"), "page_size"))
        .isEqualTo(Integer.toString(PizzaDatabase.SQLITE_PAGE_SIZE));
    assertThat(pragma("jdbc:sqlite:" + tmp.resolve("new.db"), "journal_mode")).isEqualTo("wal");
    assertThat(pragma(existing, "page_size")).isEqualTo("4096");
    // The WAL's bound is in bytes: an old database of small pages checkpoints after as many bytes.
    assertThat(Long.parseLong(pragma(existing, "wal_autocheckpoint")))
        .isEqualTo(PizzaDatabase.SQLITE_WAL_BYTES / 4096);
  }

  private static String pragma(String url, String name) throws Exception {
    try (PizzaDatabase db = PizzaDatabase.open(url);
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private PizzaOven oven() throws Exception {
    return PizzaOven.builder()
        .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
        .allowLocalRepositories(true)
        .build();
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void hostsOwnDataSource_migratedOnce_bakesWithoutThePool(SqlDialect dialect) throws Exception {
    String url = Databases.freshUrl(dialect, tmp);
    DataSource ds = Databases.dataSource(dialect, url);
    GitRepo repo = JdbcCommitSinkTest.richRepository(tmp.resolve("host.git"));

    assertThat(PizzaDatabase.migrate(ds)).isEqualTo(dialect);
    JdbcCommitSink sink = JdbcCommitSink.of(ds);
    assertThat(sink.dialect()).isEqualTo(dialect);
    try (PizzaOven oven = oven()) {
      BakeResult r = oven.bake(repo.url(), sink);
      assertThat(CommitQueries.of(ds).commits(r.repository().key())).hasSize(5);
    }
    assertThat(PizzaDatabase.migrate(ds)).as("migrating again does nothing").isEqualTo(dialect);
  }
}
