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
