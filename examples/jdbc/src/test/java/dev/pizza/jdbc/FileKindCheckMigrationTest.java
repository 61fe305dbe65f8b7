package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.ChangeKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V10 rewrites SQLite's CHECK on {@code commit_files.kind} as comparisons instead of an IN list
 * (which SQLite evaluates through an ephemeral B-tree built again for every inserted row): the
 * check must still accept exactly the change kinds, and the rows stored before it must survive.
 */
class FileKindCheckMigrationTest {
  @TempDir Path tmp;

  @Test
  void kindCheck_isNoInList_acceptsEveryKind_rejectsOthers() throws Exception {
    try (PizzaDatabase db = PizzaDatabase.open("jdbc:sqlite:" + tmp.resolve("new.db"));
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'commit_files'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).contains("CHECK").doesNotContain(" IN ");
      }
      int seq = 0;
      for (ChangeKind kind : ChangeKind.values()) {
        s.execute(fileRow(++seq, kind.name()));
      }
      assertThat(count(s)).isEqualTo(ChangeKind.values().length);
      int next = seq + 1;
      assertThatThrownBy(() -> s.execute(fileRow(next, "MOVED")))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("CHECK");
      assertThatThrownBy(() -> s.execute(fileRow(next, "modified")))
          .isInstanceOf(SQLException.class);
    }
  }

  @Test
  void fileRowsStoredAtV9_areKeptByV10() throws Exception {
    String url = "jdbc:sqlite:" + tmp.resolve("old.db");
    DataSource old = Databases.migratedTo(SqlDialect.SQLITE, url, "9");
    try (Connection c = old.getConnection();
        Statement s = c.createStatement()) {
      s.execute(fileRow(1, "RENAMED"));
    }

    try (PizzaDatabase db = PizzaDatabase.open(url);
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      assertThat(count(s)).isEqualTo(1);
      try (ResultSet rs =
          s.executeQuery("SELECT path, old_path, kind, added, removed FROM commit_files")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("new.txt");
        assertThat(rs.getString(2)).isEqualTo("old.txt");
        assertThat(rs.getString(3)).isEqualTo("RENAMED");
        assertThat(rs.getInt(4)).isEqualTo(2);
        assertThat(rs.getInt(5)).isEqualTo(1);
      }
      // The path index is back: the most changed files are read through it.
      try (ResultSet rs =
          s.executeQuery(
              "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                  + " AND name = 'commit_files_path'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
  }

  private static String fileRow(int seq, String kind) {
    return "INSERT INTO commit_files (commit_seq, position, repo_id, path, old_path, kind, added,"
        + " removed, is_binary, too_large) VALUES ("
        + seq
        + ", 0, 1, 'new.txt', 'old.txt', '"
        + kind
        + "', 2, 1, 0, 0)";
  }

  private static int count(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM commit_files")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
