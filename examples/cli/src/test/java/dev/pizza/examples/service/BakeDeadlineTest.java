package dev.pizza.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.examples.cli.StallingServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bake from a server that sends a byte now and then, never silent for the transfer timeout, is
 * cancelled at the service's deadline and answered, and its worker bakes the next: it ran for ever,
 * holding one of the service's few workers (two by default), so two such URLs stopped every bake.
 */
class BakeDeadlineTest {
  @TempDir Path dir;

  @Test
  void trickleServer_isCancelledAtTheDeadline_answeredWith504_andTheWorkerIsFreed()
      throws Exception {
    ServiceSettings settings =
        ServiceSettings.builder()
            .network(Set.of(), true)
            .queue(1, 10)
            .times(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMinutes(10))
            .deadline(Duration.ofSeconds(2))
            .build();
    try (StallingServer slow = new StallingServer(StallingServer.Mode.TRICKLE);
        RunningService s = RunningService.start(dir, RunningService.sqlite(dir), settings)) {
      String body =
          RunningService.JSON
              .createObjectNode()
              .put("url", slow.url())
              .put("wait", true)
              .toString();

      RunningService.Reply r =
          s.send(
              HttpRequest.newBuilder(s.uri("/bake"))
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build());

      assertThat(r.status()).as(r.body()).isEqualTo(504);
      assertThat(r.json().path("kind").asText()).isEqualTo("deadline");
      assertThat(r.json().path("message").asText()).contains("--deadline");
      assertThat(s.get("/health").json().path("baking").asInt()).isZero();
    }
  }
}
