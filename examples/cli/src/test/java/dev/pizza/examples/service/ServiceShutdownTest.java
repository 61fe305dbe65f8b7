package dev.pizza.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pizza.jgit.SmartHttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shutdown: running bakes get a grace period, then are cancelled and resume at the next start. */
class ServiceShutdownTest {
  @TempDir Path dir;

  @Test
  void bakeStillRunningAfterTheGrace_isCancelled_toldPostponed_andResumesAtTheNextStart()
      throws Exception {
    ServiceSettings settings =
        ServiceSettings.builder()
            .network(Set.of(), true)
            .queue(1, 10)
            .times(Duration.ofMinutes(1), Duration.ofMillis(500), Duration.ofMinutes(1))
            .build();
    try (SmartHttpServer git = new SmartHttpServer(dir.resolve("remote"))) {
      GitRepos.create(dir.resolve("remote/a"), 4);
      GitRepos.create(dir.resolve("remote/b"), 2);
      git.hold();
      RunningService s = RunningService.start(dir, RunningService.sqlite(dir), settings);
      String key;
      CompletableFuture<RunningService.Reply> waiting;
      try {
        key = s.bake(git.url("a"), false).json().path("key").asText();
        OvenServiceTest.awaitState(s, key, "baking");
        assertThat(s.bake(git.url("b"), false).status()).isEqualTo(202);
        waiting =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return s.bake(git.url("a"), true);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        awaitWaitingRequests(s, 1);
      } finally {
        s.close();
      }
      RunningService.Reply told = waiting.get();
      assertThat(told.status()).isEqualTo(503);
      assertThat(told.retryAfter()).isNotNull();
      assertThat(told.json().path("outcome").asText()).isEqualTo("postponed");

      git.release();
      try (RunningService again = RunningService.start(dir, RunningService.sqlite(dir), settings)) {
        JsonNode a = OvenServiceTest.awaitIdle(again, key);
        assertThat(a.path("commits").asLong()).isEqualTo(4);
        JsonNode b = again.bake(git.url("b"), true).json();
        assertThat(b.path("totalCommits").asLong()).isEqualTo(2);
      }
    }
  }

  /** Polls {@code /metrics} until {@code n} {@code wait} requests hold their connection. */
  private static void awaitWaitingRequests(RunningService s, int n) throws Exception {
    String line = "pizza_requests_waiting " + n + ".0";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!s.get("/metrics").body().contains(line)) {
      assertThat(System.nanoTime())
          .as("a wait request never reached the service")
          .isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
