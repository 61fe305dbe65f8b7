package dev.pizza.examples.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pizza.CommitSink;
import dev.pizza.cache.DiskRepoStore;
import dev.pizza.jdbc.PizzaDatabase;
import dev.pizza.jgit.RemoteCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The service started in this JVM on a free loopback port, with a store and a database of the
 * test's, and a real HTTP client against it.
 */
final class RunningService implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final OvenService service;
  final String jdbcUrl;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** An answer: status, body, and the Retry-After header if any. */
  record Reply(int status, String body, String contentType, String retryAfter) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  private RunningService(OvenService service, String jdbcUrl) {
    this.service = service;
    this.jdbcUrl = jdbcUrl;
  }

  static RunningService start(Path dir, String jdbcUrl, ServiceSettings settings) throws Exception {
    return start(dir, jdbcUrl, settings, UnaryOperator.identity());
  }

  static RunningService start(
      Path dir, String jdbcUrl, ServiceSettings settings, UnaryOperator<CommitSink> decorator)
      throws Exception {
    DiskRepoStore store = DiskRepoStore.builder().root(dir.resolve("cache")).build();
    PizzaDatabase db = PizzaDatabase.open(jdbcUrl);
    return new RunningService(
        OvenService.start(
            settings.toBuilder().address("127.0.0.1", 0).build(),
            store,
            db,
            dir.resolve("generations"),
            RemoteCredentials.NONE,
            decorator),
        jdbcUrl);
  }

  static String sqlite(Path dir) {
    return "jdbc:sqlite:" + dir.toAbsolutePath().resolve("pizza.db");
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + service.port() + path);
  }

  Reply get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  Reply post(String path, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  Reply send(HttpRequest request) throws Exception {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(
        r.statusCode(),
        r.body(),
        r.headers().firstValue("Content-Type").orElse(""),
        r.headers().firstValue("Retry-After").orElse(null));
  }

  /** Posts a bake of {@code url}, waiting for it or not. */
  Reply bake(String url, boolean wait) throws Exception {
    return post("/bake", JSON.createObjectNode().put("url", url).put("wait", wait).toString());
  }

  @Override
  public void close() {
    service.close();
  }
}
