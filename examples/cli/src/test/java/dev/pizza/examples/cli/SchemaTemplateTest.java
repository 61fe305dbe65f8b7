package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's schema template: the first new database is migrated by Flyway and saved as the
 * template before anything is baked into it; a later new database starts as a copy and Flyway is
 * skipped; an existing database is never replaced.
 */
class SchemaTemplateTest {
  @TempDir Path tmp;

  @Test
  void newDatabases_afterTheFirst_startAsTheTemplate_withoutFlyway() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(2, "alice@example.com");
    }
    Path template = tmp.resolve("launcher/schema.db");
    Map<String, String> env =
        Map.of("JAVA_TOOL_OPTIONS", "-D" + SchemaTemplate.FILE + "=" + template);

    ChildPizza.Result first = ChildPizza.bake(tmp, env, dir, "first", "--verbose");
    assertThat(first.code()).as("stderr: %s", first.err()).isZero();
    assertThat(first.err()).contains("Creating Schema History table");
    assertThat(template).isRegularFile();
    assertThat(rows(template, "SELECT count(*) FROM repositories")).containsExactly("0");

    ChildPizza.Result second = ChildPizza.bake(tmp, env, dir, "second", "--verbose");
    assertThat(second.code()).as("stderr: %s", second.err()).isZero();
    assertThat(second.out()).contains(": 2 new, 2 total");
    assertThat(second.err()).doesNotContain("org.flywaydb");
    Path firstDb = tmp.resolve("data-first/pizza.db");
    Path secondDb = tmp.resolve("data-second/pizza.db");
    String schema = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name";
    assertThat(rows(secondDb, schema)).isEqualTo(rows(firstDb, schema));
    String history = "SELECT version, checksum, success FROM flyway_schema_history ORDER BY 1";
    assertThat(rows(secondDb, history)).isEqualTo(rows(firstDb, history));

    // An existing database is opened as it is: a third bake into the first adds nothing.
    ChildPizza.Result again = ChildPizza.bake(tmp, env, dir, "first", "--verbose");
    assertThat(again.code()).as("stderr: %s", again.err()).isZero();
    assertThat(again.out()).contains(": 0 new, 2 total");
  }

  private static List<String> rows(Path db, String query) throws Exception {
    assertThat(db).isRegularFile();
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
