package dev.pizza.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.jgit.SmartHttpServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Callers waiting for a bake ({@code "wait": true}) hold none of the server's threads: each held
 * one of its 200 for up to the wait limit (10 minutes), so 200 callers waiting for one slow
 * repository left no thread for anyone else, and {@code /ping} and {@code /health} went unanswered.
 */
class WaitingRequestsTest {
  @TempDir Path dir;

  private static final int CALLERS = 240;

  @Test
  void moreWaitingCallersThanServerThreads_leaveThePingAnswered_andAllGetTheResult()
      throws Exception {
    try (SmartHttpServer git = new SmartHttpServer(dir.resolve("remote"))) {
      GitRepos.create(dir.resolve("remote/a"), 3);
      git.hold();
      ServiceSettings settings =
          ServiceSettings.builder().network(Set.of(), true).queue(1, 10).build();
      try (RunningService s = RunningService.start(dir, RunningService.sqlite(dir), settings)) {
        String body =
            RunningService.JSON
                .createObjectNode()
                .put("url", git.url("a"))
                .put("wait", true)
                .toString();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
          waiting.add(
              s.client.sendAsync(
                  HttpRequest.newBuilder(s.uri("/bake"))
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (waitingRequests(s) < CALLERS && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(waitingRequests(s)).isEqualTo(CALLERS);

        HttpResponse<String> ping =
            s.client
                .sendAsync(
                    HttpRequest.newBuilder(s.uri("/ping")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString())
                .get(10, TimeUnit.SECONDS);
        assertThat(ping.body()).isEqualTo("pong");

        git.release();
        for (CompletableFuture<HttpResponse<String>> w : waiting) {
          HttpResponse<String> r = w.get(60, TimeUnit.SECONDS);
          assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
          assertThat(RunningService.JSON.readTree(r.body()).path("newCommits").asLong())
              .isEqualTo(3);
        }
      }
    }
  }

  /** The service's gauge of callers waiting, read from its metrics. */
  private static long waitingRequests(RunningService s) throws Exception {
    for (String line : s.get("/metrics").body().split("\n")) {
      if (line.startsWith("pizza_requests_waiting ")) {
        return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1));
      }
    }
    return -1;
  }
}
