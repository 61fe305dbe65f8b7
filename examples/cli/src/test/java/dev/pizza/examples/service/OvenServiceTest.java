package dev.pizza.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pizza.CommitRecord;
import dev.pizza.jdbc.PizzaDatabase;
import dev.pizza.jdbc.SharedPostgres;
import dev.pizza.jgit.SmartHttpServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each endpoint and each error answer of the service, through a real HTTP client. */
class OvenServiceTest {
  @TempDir Path dir;
  SmartHttpServer git;

  static final ServiceSettings LOOPBACK =
      ServiceSettings.builder().network(Set.of(), true).queue(2, 10).build();

  @BeforeEach
  void gitServer() throws Exception {
    git = new SmartHttpServer(dir.resolve("remote"));
    GitRepos.create(dir.resolve("remote/a"), 5);
  }

  @AfterEach
  void stop() {
    git.close();
  }

  private String jdbc(String database) throws Exception {
    return database.equals("sqlite") ? RunningService.sqlite(dir) : SharedPostgres.newDatabase();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void waitBake_answersTheCountsTheDatabaseThenHolds(String database) throws Exception {
    String jdbcUrl = jdbc(database);
    try (RunningService s = RunningService.start(dir, jdbcUrl, LOOPBACK)) {
      RunningService.Reply first = s.bake(git.url("a"), true);
      assertThat(first.status()).as(first.body()).isEqualTo(200);
      JsonNode r = first.json();
      assertThat(r.path("outcome").asText()).isEqualTo("baked");
      assertThat(r.path("newCommits").asLong()).isEqualTo(5);
      assertThat(r.path("totalCommits").asLong()).isEqualTo(5);

      GitRepos.addCommits(dir.resolve("remote/a"), 3);
      JsonNode second = s.bake(git.url("a"), true).json();
      assertThat(second.path("newCommits").asLong()).isEqualTo(3);
      assertThat(second.path("totalCommits").asLong()).isEqualTo(8);

      String key = r.path("key").asText();
      try (PizzaDatabase db = PizzaDatabase.open(jdbcUrl)) {
        List<CommitRecord> stored = db.queries().commits(key);
        assertThat(stored).hasSize(8);
        assertThat(stored.stream().map(c -> c.id().toString()).collect(Collectors.toSet()))
            .isEqualTo(GitRepos.reachable(dir.resolve("remote/a")));
      }
      JsonNode repo = s.get("/repos/" + key).json();
      assertThat(repo.path("commits").asLong()).isEqualTo(8);
      assertThat(repo.path("state").asText()).isEqualTo("idle");
      assertThat(repo.path("checkpoint").path("refs/heads/main").asText()).hasSize(40);
      assertThat(repo.path("lastBake").path("newCommits").asLong()).isEqualTo(3);
      JsonNode stats = s.get("/repos/" + key + "/stats?top=2").json();
      assertThat(stats.path("commits").asLong()).isEqualTo(8);
      assertThat(stats.path("authors").asLong()).isEqualTo(3);
      assertThat(stats.path("topContributors")).hasSize(2);
      assertThat(stats.path("mostChangedFiles").isArray())
          .as("baked without line statistics: an empty array")
          .isTrue();
      assertThat(stats.path("mostChangedFiles")).isEmpty();
    }
  }

  @Test
  void bakeWithoutWait_answers202AndTheRepositoryShowsUpInRepos() throws Exception {
    try (RunningService s = RunningService.start(dir, RunningService.sqlite(dir), LOOPBACK)) {
      RunningService.Reply accepted = s.bake(git.url("a"), false);
      assertThat(accepted.status()).isEqualTo(202);
      String key = accepted.json().path("key").asText();
      assertThat(accepted.json().path("state").asText()).isIn("queued", "baking");
      JsonNode repo = awaitIdle(s, key);
      assertThat(repo.path("commits").asLong()).isEqualTo(5);
      JsonNode list = s.get("/repos").json().path("repositories");
      assertThat(list).hasSize(1);
      assertThat(list.get(0).path("url").asText()).isEqualTo(git.url("a"));
      assertThat(list.get(0).path("lastBake").path("outcome").asText()).isEqualTo("ok");
    }
  }

  @Test
  void severalUrls_areBakedTogetherAndDuplicatesJoin() throws Exception {
    GitRepos.create(dir.resolve("remote/b"), 2);
    try (RunningService s = RunningService.start(dir, RunningService.sqlite(dir), LOOPBACK)) {
      String body =
          "{\"urls\": [\""
              + git.url("a")
              + "\", \""
              + git.url("b")
              + "\", \""
              + git.url("a")
              + ".git\"], \"wait\": true}";
      RunningService.Reply r = s.post("/bake", body);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode results = r.json().path("results");
      assertThat(results).hasSize(2);
      assertThat(results.get(0).path("totalCommits").asLong()).isEqualTo(5);
      assertThat(results.get(1).path("totalCommits").asLong()).isEqualTo(2);
    }
  }

  @Test
  void pingMetricsAndHealth_answer() throws Exception {
    try (RunningService s = RunningService.start(dir, RunningService.sqlite(dir), LOOPBACK)) {
      RunningService.Reply ping = s.get("/ping");
      assertThat(ping.status()).isEqualTo(200);
      assertThat(ping.body()).isEqualTo("pong");
      s.bake(git.url("a"), true);
      RunningService.Reply metrics = s.get("/metrics");
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("pizza_bakes_total{outcome=\"baked\"} 1.0")
          .contains("pizza_commits_delivered_total 5.0")
          .contains("pizza_bake_duration_seconds_count 1")
          .contains("pizza_queue_depth 0.0")
          .contains("pizza_bakes_running 0.0")
          .contains("pizza_store_bytes")
          .contains("pizza_store_entries 1.0")
          .contains("pizza_store_evictions_total 0.0")
          .contains("pizza_requests_rejected_total{reason=\"queue_full\"} 0.0");
      RunningService.Reply health = s.get("/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("status").asText()).isEqualTo("ready");
      assertThat(health.json().path("database").asText()).isEqualTo("up");
      assertThat(health.json().path("store").asText()).isEqualTo("open");
    }
  }

  @Test
  void otherMethodsAndPaths_answerJson405And404() throws Exception {
    try (RunningService s = RunningService.start(dir, RunningService.sqlite(dir), LOOPBACK)) {
      RunningService.Reply getBake = s.get("/bake");
      assertThat(getBake.status()).isEqualTo(405);
      assertThat(getBake.json().path("message").asText()).contains("POST");
      assertThat(s.post("/ping", "{}").status()).isEqualTo(405);
      RunningService.Reply delete =
          s.send(HttpRequest.newBuilder(s.uri("/repos")).DELETE().build());
      assertThat(delete.status()).isEqualTo(405);
      assertThat(delete.contentType()).startsWith("application/json");
      assertThat(s.get("/nothing").status()).isEqualTo(404);
      assertThat(s.get("/repos/" + "0".repeat(40)).status()).isEqualTo(404);
      assertThat(s.get("/repos/" + "0".repeat(40) + "/stats").status()).isEqualTo(404);
      RunningService.Reply notAKey = s.get("/repos/..%2F..%2Fetc");
      assertThat(notAKey.status()).isIn(400, 404);
      assertThat(notAKey.contentType()).startsWith("application/json");
      assertThat(notAKey.json().path("message").asText()).isNotEmpty();
    }
  }

  @Test
  void badBodies_answer400WithAJsonMessage() throws Exception {
    try (RunningService s = RunningService.start(dir, RunningService.sqlite(dir), LOOPBACK)) {
      for (String body :
          List.of(
              "not json",
              "[]",
              "{}",
              "{\"url\": 5}",
              "{\"url\": \"" + git.url("a") + "\", \"wait\": \"yes\"}",
              "{\"urls\": \"" + git.url("a") + "\"}",
              "{\"urls\": [1]}",
              "{\"url\": \"not a url at all\"}",
              "{\"url\": \"ftp://example.com/x\"}")) {
        RunningService.Reply r = s.post("/bake", body);
        assertThat(r.status()).as(body).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().path("message").asText()).as(body).isNotEmpty();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
      }
      RunningService.Reply unknownFieldIgnored =
          s.post("/bake", "{\"url\": \"" + git.url("a") + "\", \"colour\": [1], \"wait\": true}");
      assertThat(unknownFieldIgnored.status()).isEqualTo(200);
    }
  }

  @Test
  void tooLargeBody_stillBeingSent_answers413_notAResetConnection() throws Exception {
    try (RunningService s = RunningService.start(dir, RunningService.sqlite(dir), LOOPBACK)) {
      // A race the server lost about one time in ten when it answered without reading: the client,
      // still writing, read a reset connection instead of the 413. Repeated to lose it for sure.
      for (int round = 0; round < 20; round++) {
        for (int size : List.of(70_000, 900_000)) {
          RunningService.Reply r = s.post("/bake", "{\"url\": \"" + "x".repeat(size) + "\"}");
          assertThat(r.status()).as("%d bytes", size).isEqualTo(413);
          assertThat(r.json().path("message").asText()).contains("larger");
        }
      }
    }
  }

  @Test
  void refusedUrls_answer400AndNothingIsFetched() throws Exception {
    String port = git.url("a").replaceAll(".*:(\\d+)/a", "$1");
    ServiceSettings guarded = ServiceSettings.builder().queue(2, 10).build();
    try (RunningService s = RunningService.start(dir, RunningService.sqlite(dir), guarded)) {
      for (String url :
          List.of(
              "file://" + dir.resolve("remote/a"),
              dir.resolve("remote/a").toString(),
              "./remote/a",
              "https://user:secret@example.com/x/y",
              "https://token@example.com/x/y",
              git.url("a"),
              "http://localhost:" + port + "/a",
              "http://10.0.0.1/a",
              "http://172.16.3.4/a",
              "http://192.168.1.1/a",
              "http://169.254.169.254/latest/meta-data",
              "http://[::1]:" + port + "/a",
              "http://[fd00:ec2::254]/a",
              "http://0.0.0.0:" + port + "/a")) {
        RunningService.Reply r = s.bake(url, true);
        assertThat(r.status()).as(url).isEqualTo(400);
        assertThat(r.json().path("message").asText()).as(url).isNotEmpty();
        assertThat(r.body()).as(url).doesNotContain("secret");
      }
      assertThat(git.requests.get()).isZero();
      assertThat(s.get("/repos").json().path("repositories")).isEmpty();
    }
  }

  @Test
  void allowHost_refusesEveryOtherHost() throws Exception {
    ServiceSettings onlyExample =
        ServiceSettings.builder().network(Set.of("git.example.com"), true).build();
    try (RunningService s = RunningService.start(dir, RunningService.sqlite(dir), onlyExample)) {
      RunningService.Reply r = s.bake(git.url("a"), true);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("message").asText()).contains("allowed hosts");
      assertThat(git.requests.get()).isZero();
    }
  }

  @Test
  void missingRepository_answers502WithTheReason() throws Exception {
    try (RunningService s = RunningService.start(dir, RunningService.sqlite(dir), LOOPBACK)) {
      RunningService.Reply r = s.bake(git.url("missing"), true);
      assertThat(r.status()).as(r.body()).isEqualTo(502);
      assertThat(r.json().path("outcome").asText()).isEqualTo("failed");
      assertThat(r.json().path("message").asText()).isNotEmpty();
      assertThat(s.get("/health").json().path("queued").asInt()).isZero();
    }
  }

  @Test
  void fullQueue_answers503WithRetryAfter_andARequestForAQueuedRepositoryJoins() throws Exception {
    GitRepos.create(dir.resolve("remote/b"), 1);
    GitRepos.create(dir.resolve("remote/c"), 1);
    ServiceSettings tight = LOOPBACK.toBuilder().queue(1, 1).build();
    git.hold();
    try (RunningService s = RunningService.start(dir, RunningService.sqlite(dir), tight)) {
      assertThat(s.bake(git.url("a"), false).status()).isEqualTo(202);
      awaitState(s, s.bake(git.url("a"), false).json().path("key").asText(), "baking");
      assertThat(s.bake(git.url("b"), false).status()).isEqualTo(202);
      RunningService.Reply full = s.bake(git.url("c"), false);
      assertThat(full.status()).isEqualTo(503);
      assertThat(full.retryAfter()).isNotNull();
      assertThat(full.json().path("message").asText()).contains("full");
      RunningService.Reply joins = s.bake(git.url("b"), false);
      assertThat(joins.status()).isEqualTo(202);
      assertThat(joins.json().path("state").asText()).isEqualTo("queued");
      git.release();
      JsonNode b = s.bake(git.url("b"), true).json();
      assertThat(b.path("totalCommits").asLong()).isEqualTo(1);
      assertThat(s.get("/metrics").body())
          .contains("pizza_requests_rejected_total{reason=\"queue_full\"} 1.0");
    }
  }

  @Test
  void waitCallersOfOneRepository_allGetTheResultOfOneBake() throws Exception {
    git.hold();
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try (RunningService s = RunningService.start(dir, RunningService.sqlite(dir), LOOPBACK)) {
      String key = s.bake(git.url("a"), false).json().path("key").asText();
      awaitState(s, key, "baking");
      List<Future<RunningService.Reply>> waits = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        waits.add(callers.submit(() -> s.bake(git.url("a"), true)));
      }
      awaitWaiters(s, waits);
      git.release();
      Set<String> bodies = new HashSet<>();
      for (Future<RunningService.Reply> f : waits) {
        RunningService.Reply r = f.get();
        assertThat(r.status()).isEqualTo(200);
        bodies.add(r.body());
      }
      assertThat(bodies).hasSize(1);
      assertThat(s.get("/metrics").body()).contains("pizza_bakes_total{outcome=\"baked\"} 1.0");
    } finally {
      callers.shutdownNow();
    }
  }

  /** Gives the waiting callers time to post (they join the job whenever they arrive). */
  private static void awaitWaiters(RunningService s, List<Future<RunningService.Reply>> waits)
      throws InterruptedException {
    Thread.sleep(300);
  }

  static JsonNode awaitIdle(RunningService s, String key) throws Exception {
    return awaitState(s, key, "idle");
  }

  static JsonNode awaitState(RunningService s, String key, String state) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      RunningService.Reply r = s.get("/repos/" + key);
      if (r.status() == 200 && r.json().path("state").asText().equals(state)) {
        return r.json();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("repository " + key + " never became " + state + ": " + r.body());
      }
      Thread.sleep(20);
    }
  }
}
