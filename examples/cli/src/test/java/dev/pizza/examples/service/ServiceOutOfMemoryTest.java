package dev.pizza.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.examples.cli.HugeCommits;
import dev.pizza.jgit.SmartHttpServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository larger than the service's heap (a commit whose message is larger than it) fails its
 * bake with a typed answer that says so and names {@code -Xmx}, is counted as a failed bake, and
 * the service goes on baking: it answered {@code "internal error while baking"}, logged a stack
 * trace and counted no bake at all.
 */
class ServiceOutOfMemoryTest {
  @TempDir Path dir;

  @Test
  void bakeLargerThanTheHeap_answersOutOfMemory_andTheServiceBakesTheNextRepository()
      throws Exception {
    try (SmartHttpServer git = new SmartHttpServer(dir.resolve("remote")).nativeGit()) {
      GitRepos.create(dir.resolve("remote/huge"), 1);
      try (Git repo = Git.open(dir.resolve("remote/huge").toFile())) {
        HugeCommits.write(repo.getRepository(), "refs/heads/main", 80 << 20);
      }
      GitRepos.create(dir.resolve("remote/small"), 3);
      ServeProcess serve =
          ServeProcess.startWithHeap(dir, "serve", "-Xmx64m", "--concurrency", "1");
      try (HttpProbe http = new HttpProbe(serve.port())) {
        RunningService.Reply huge = bake(http, git.url("huge"));

        assertThat(huge.status()).as(huge.body()).isEqualTo(500);
        assertThat(huge.json().path("kind").asText()).isEqualTo("out_of_memory");
        assertThat(huge.json().path("message").asText()).contains("-Xmx");

        RunningService.Reply small = bake(http, git.url("small"));
        assertThat(small.status()).as(small.body()).isEqualTo(200);
        assertThat(small.json().path("newCommits").asLong()).isEqualTo(3);
        assertThat(http.send(HttpRequest.newBuilder().GET(), "/metrics").body())
            .contains("pizza_bakes_total{outcome=\"failed\"} 1")
            .contains("pizza_bakes_total{outcome=\"baked\"} 1");
      } finally {
        serve.process().destroy();
        serve.process().waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  private static RunningService.Reply bake(HttpProbe http, String url) throws Exception {
    String body =
        RunningService.JSON.createObjectNode().put("url", url).put("wait", true).toString();
    return http.send(
        HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString(body)), "/bake");
  }
}
