package dev.pizza.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pizza.jgit.SmartHttpServer;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pizza serve --mailmap FILE}, in a child JVM, through a real HTTP client: the host's
 * mailmap applies to what the service bakes, and its stats count people by the mapped identity.
 */
class ServeMailmapTest {
  @TempDir Path dir;

  @Test
  void serveWithMailmap_statsCountPeopleByTheMappedIdentity() throws Exception {
    // Six commits by Author 0, 1 and 2 (two each); the host's mailmap joins 1 and 2 into Team.
    GitRepos.create(dir.resolve("remote/a"), 6);
    Path mailmap = dir.resolve("host.mailmap");
    Files.writeString(
        mailmap,
        "Team <team@example.com> <author1@example.com>\n"
            + "Team <team@example.com> <author2@example.com>\n");
    try (SmartHttpServer git = new SmartHttpServer(dir.resolve("remote"))) {
      ServeProcess serve = ServeProcess.start(dir, "serve", "--mailmap", mailmap.toString());
      try (HttpProbe http = new HttpProbe(serve.port())) {
        RunningService.Reply accepted = http.bake(git.url("a"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String key = accepted.json().path("key").asText();
        http.awaitIdle(key);

        RunningService.Reply reply =
            http.send(HttpRequest.newBuilder().GET(), "/repos/" + key + "/stats");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode stats = reply.json();
        assertThat(stats.path("commits").asLong()).isEqualTo(6);
        assertThat(stats.path("authors").asLong()).as(reply.body()).isEqualTo(2);
        List<String> top = new ArrayList<>();
        for (JsonNode c : stats.path("topContributors")) {
          top.add(
              c.path("name").asText()
                  + " <"
                  + c.path("email").asText()
                  + "> "
                  + c.path("commits").asLong());
        }
        assertThat(top)
            .containsExactly("Team <team@example.com> 4", "Author 0 <author0@example.com> 2");
      } finally {
        serve.process().destroy(); // SIGTERM: a graceful stop
        assertThat(serve.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
    }
  }
}
