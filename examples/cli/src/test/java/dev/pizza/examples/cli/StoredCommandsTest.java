package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pizza export}, {@code stats} and {@code repos}, over what {@code bake} stored. */
class StoredCommandsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  PizzaCliTest.Run pizza(String command, String... more) {
    return PizzaCliTest.pizza(
        PizzaCliHardeningTest.concat(
            List.of(command, "--data-dir", tmp.resolve("data").toString()), more));
  }

  PizzaCliTest.Run bake(String... more) {
    return PizzaCliTest.pizza(
        PizzaCliHardeningTest.concat(
            List.of(
                "bake",
                "--data-dir",
                tmp.resolve("data").toString(),
                "--cache-dir",
                tmp.resolve("cache").toString()),
            more));
  }

  @Test
  void bake_default_storesIntoPizzaDbInTheDataDirectory() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(2, "alice@example.com");
    }

    assertThat(bake(dir.toString()).code()).isZero();

    assertThat(tmp.resolve("data").resolve("pizza.db")).isRegularFile();
  }

  @Test
  void bake_withDb_storesIntoThatDatabase() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(2, "alice@example.com");
    }
    String db = "jdbc:sqlite:" + tmp.resolve("elsewhere.db");

    assertThat(bake("--db", db, dir.toString()).out()).contains(": 2 new, 2 total");

    assertThat(tmp.resolve("elsewhere.db")).isRegularFile();
    assertThat(tmp.resolve("data").resolve("pizza.db")).doesNotExist();
    assertThat(pizza("repos", "--db", db).out()).contains(dir.toString());
  }

  @Test
  void export_ofABakedRepository_equalsWhatJGitReads_fieldForField() throws Exception {
    JsonlOutputTest built = new JsonlOutputTest();
    built.tmp = tmp;
    built.buildRepository();
    assertThat(bake(built.dir.toString()).code()).isZero();
    Path file = tmp.resolve("export.jsonl");

    PizzaCliTest.Run run = pizza("export", "--jsonl", file.toString(), built.dir.toString());

    assertThat(run.code()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).contains(": 4 commits written to ");
    List<Map<String, Object>> objects =
        JsonlOutputTest.parseLines(Files.readString(file, StandardCharsets.UTF_8));
    Map<Object, Map<String, Object>> byId = new LinkedHashMap<>();
    objects.forEach(o -> byId.put(o.get("id"), o));
    List<RevCommit> commits = built.allCommits();
    assertThat(byId).hasSize(commits.size());
    for (RevCommit c : commits) {
      assertThat(byId.get(c.name()))
          .as("record of %s", c.name())
          .isEqualTo(JsonlOutputTest.expected(c));
    }
  }

  @Test
  void exportToStdout_writesOnlyJsonLines() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(3, "alice@example.com");
    }
    bake(dir.toString());

    PizzaCliTest.Run run = pizza("export", "--jsonl", "-", dir.toString());

    assertThat(run.code()).isZero();
    assertThat(JsonlOutputTest.parseLines(run.out())).hasSize(3);
    assertThat(run.err()).isEmpty();
  }

  @Test
  void statsAndExport_ofARepositoryNeverBaked_exitOneSayingSo() throws Exception {
    Path dir = tmp.resolve("never");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(1, "alice@example.com");
    }
    for (PizzaCliTest.Run run :
        List.of(pizza("stats", dir.toString()), pizza("export", "--jsonl", "-", dir.toString()))) {
      assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
      assertThat(run.err().lines())
          .singleElement()
          .asString()
          .startsWith("pizza: " + dir + ": not baked: ");
    }
  }

  @Test
  void stats_printsTheInsights() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(3, "alice@example.com");
      repo.commits(1, "bob@example.com");
      repo.commit(
          "Carol", "carol@example.com", "pair work\n\nCo-authored-by: Dan <dan@example.com>\n");
    }
    bake(dir.toString());

    PizzaCliTest.Run text = pizza("stats", dir.toString());
    PizzaCliTest.Run json = pizza("stats", "--json", dir.toString());

    assertThat(text.code()).as("stderr: %s", text.err()).isZero();
    assertThat(text.out())
        .startsWith(dir + "\n")
        .contains("commits                  5 (0 merges)")
        .contains("authors                  3")
        .contains("co-authors               1")
        .contains("half of the commits by   1 author")
        .contains("2024-05 ")
        .contains("#".repeat(StatsReport.BAR_WIDTH))
        .contains("       3 Person alice@example.com <alice@example.com>");
    JsonNode o = JSON.readTree(json.out());
    assertThat(o.get("url").asText()).isEqualTo(dir.toString());
    assertThat(o.get("commits").asLong()).isEqualTo(5);
    assertThat(o.get("merges").asLong()).isZero();
    assertThat(o.get("authors").asLong()).isEqualTo(3);
    assertThat(o.get("committers").asLong()).isEqualTo(3);
    assertThat(o.get("coAuthors").asLong()).isEqualTo(1);
    assertThat(o.get("halfCommitAuthors").asLong()).isEqualTo(1);
    assertThat(o.get("firstCommit").asText()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(o.get("commitsPerMonth").get(0).get("commits").asLong()).isEqualTo(5);
    assertThat(o.get("topContributors").get(0).get("email").asText())
        .isEqualTo("alice@example.com");
  }

  @Test
  void repos_listsEachBakedRepositoryWithItsCommits() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    try (TestRepos ra = TestRepos.init(a);
        TestRepos rb = TestRepos.init(b)) {
      ra.commits(1, "alice@example.com");
      rb.commits(2, "bob@example.com");
    }
    bake(a.toString(), b.toString());

    PizzaCliTest.Run run = pizza("repos");

    assertThat(run.code()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).matches(" +1  \\S+Z +ok, 1 new +" + a);
    assertThat(lines.get(2)).matches(" +2  \\S+Z +ok, 2 new +" + b);
  }
}
