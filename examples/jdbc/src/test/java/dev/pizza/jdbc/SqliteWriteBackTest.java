package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The thread that syncs a SQLite database's files while SQLite writes them. */
class SqliteWriteBackTest {
  @TempDir Path tmp;

  @Test
  void sync_ofAMissingFile_doesNotCreateIt_elseTheClosedDatabaseKeepsAnEmptyWal() {
    Path wal = tmp.resolve("gone.db-wal");

    SqliteWriteBack.sync(wal);

    assertThat(wal).doesNotExist();
  }

  @Test
  void close_endsTheThread_soNoSyncOutlivesTheDatabase() throws Exception {
    Path file = Files.write(tmp.resolve("data"), new byte[] {1, 2, 3});
    SqliteWriteBack w = SqliteWriteBack.start(List.of(file, tmp.resolve("missing")));
    assertThat(w.running()).isTrue();

    w.close();

    assertThat(w.running()).isFalse();
    assertThat(file).hasBinaryContent(new byte[] {1, 2, 3});
    assertThat(tmp.resolve("missing")).doesNotExist();
  }

  @Test
  void syncingWhileAConnectionHoldsALock_keepsTheLock_elseAnotherProcessWritesMeanwhile()
      throws Exception {
    // Closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's too
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/sqlite3")), "sqlite3 takes the lock from outside");
    Path db = tmp.resolve("locked.db");
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + db);
    try (Connection c = source.getConnection();
        java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t(x)");
      s.execute("BEGIN EXCLUSIVE");
      s.execute("INSERT INTO t VALUES (1)");
      assertThat(lockFromAnotherProcess(db)).as("locked before").isFalse();
      try (SqliteWriteBack w = SqliteWriteBack.start(List.of(SqliteWriteBack.wal(db), db))) {
        Thread.sleep(50); // rounds of syncs
        assertThat(lockFromAnotherProcess(db)).as("locked while syncing").isFalse();
      }
      s.execute("COMMIT");
    }
  }

  /** Whether another process gets the database's exclusive lock at once. */
  private static boolean lockFromAnotherProcess(Path db) throws Exception {
    Process p =
        new ProcessBuilder("sqlite3", db.toString(), "BEGIN EXCLUSIVE; ROLLBACK;")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }

  @Test
  void databaseFile_isTheMainDatabasesFile_andNullInMemory() throws Exception {
    Path db = tmp.resolve("files.db");
    SQLiteDataSource onDisk = new SQLiteDataSource();
    onDisk.setUrl("jdbc:sqlite:" + db);
    try (Connection c = onDisk.getConnection()) {
      Path file = SqliteWriteBack.databaseFile(c);
      assertThat(file).isNotNull();
      assertThat(file.toAbsolutePath()).isEqualTo(db.toAbsolutePath());
      assertThat(SqliteWriteBack.wal(file).getFileName().toString()).isEqualTo("files.db-wal");
    }
    SQLiteDataSource inMemory = new SQLiteDataSource();
    inMemory.setUrl("jdbc:sqlite::memory:");
    try (Connection c = inMemory.getConnection()) {
      assertThat(SqliteWriteBack.databaseFile(c)).isNull();
    }
  }
}
