package dev.pizza.examples.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client for a service running elsewhere (a child JVM), on loopback. */
final class HttpProbe implements AutoCloseable {
  private final int port;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  HttpProbe(int port) {
    this.port = port;
  }

  RunningService.Reply send(HttpRequest.Builder request, String path) throws Exception {
    HttpResponse<String> r =
        client.send(
            request.uri(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return new RunningService.Reply(
        r.statusCode(),
        r.body(),
        r.headers().firstValue("Content-Type").orElse(""),
        r.headers().firstValue("Retry-After").orElse(null));
  }

  RunningService.Reply bake(String url) throws Exception {
    String body = RunningService.JSON.createObjectNode().put("url", url).toString();
    return send(HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString(body)), "/bake");
  }

  /** Waits (at most a minute) until the repository is baked and neither queued nor baking. */
  void awaitIdle(String key) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      RunningService.Reply r = send(HttpRequest.newBuilder().GET(), "/repos/" + key);
      if (r.status() == 200
          && r.json().path("state").asText().equals("idle")
          && r.json().path("lastBake").path("outcome").asText().equals("ok")) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("repository " + key + " was not baked: " + r.body());
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {}
}
