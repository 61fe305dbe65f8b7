package dev.pizza.examples.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pizza.Checkpoint;
import dev.pizza.RepositoryId;
import dev.pizza.RepositoryUrl;
import dev.pizza.jdbc.BakeRecord;
import dev.pizza.jdbc.CommitQueries;
import dev.pizza.jdbc.RepositorySummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes. The original's: {@code POST /bake}, {@code GET /ping}. Beyond them: {@code GET
 * /repos}, {@code GET /repos/{key}}, {@code GET /repos/{key}/stats}, {@code GET /metrics}, {@code
 * GET /health}. Other methods on these paths answer 405, other paths 404; every error is JSON.
 * Handlers run on Jetty's pool; a {@code wait} bake is answered when its bakes end, by the thread
 * that ends the last (or at the wait limit), and holds no thread meanwhile: it held one of the
 * pool's 200 for up to the wait limit, so 200 callers waiting for a slow repository left none for
 * {@code /ping}, {@code /health} or another bake.
 */
final class ApiHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final int DEFAULT_TOP = 10;
  private static final int MAX_TOP = 1000;

  /** How much of a refused, too large body is read and dropped so that its client reads the 413. */
  private static final long DRAIN_BYTES = 1024 * 1024;

  private final ServiceSettings settings;
  private final UrlPolicy policy;
  private final BakeQueue queue;
  private final CommitQueries queries;
  private final ServiceMetrics metrics;
  private final HealthCheck health;

  /** Says whether the service can serve: the database answers, the store is open. */
  interface HealthCheck {
    ObjectNode check();
  }

  ApiHandler(
      ServiceSettings settings,
      UrlPolicy policy,
      BakeQueue queue,
      CommitQueries queries,
      ServiceMetrics metrics,
      HealthCheck health) {
    this.settings = settings;
    this.policy = policy;
    this.queue = queue;
    this.queries = queries;
    this.metrics = metrics;
    this.health = health;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    CompletableFuture<Answer> pending;
    try {
      pending = route(request);
    } catch (Exception | Error e) {
      pending = CompletableFuture.failedFuture(e);
    }
    pending.whenComplete(
        (answer, failure) -> {
          Answer a = answer != null ? answer : failed(failure);
          response.setStatus(a.status());
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, a.contentType());
          a.headers().forEach((k, v) -> response.getHeaders().put(k, v));
          response.write(true, ByteBuffer.wrap(a.body()), callback);
        });
    return true;
  }

  /** The answer to a request that failed with {@code failure}. */
  private static Answer failed(@Nullable Throwable failure) {
    Throwable e =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (e instanceof RefusedRequestException r) {
      return Answer.refused(r);
    } else if (e instanceof SQLException) {
      LOG.warn("database error: {}", e.getMessage());
      return Answer.error(503, "the database is unavailable").withHeader("Retry-After", "5");
    }
    LOG.error("internal error", e);
    return Answer.error(500, "internal error");
  }

  private CompletableFuture<Answer> route(Request request) throws Exception {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.equals("/bake") && method.equals("POST")) {
      return bake(request);
    }
    discardBody(request);
    if (path.equals("/bake")) {
      return CompletableFuture.completedFuture(Answer.methodNotAllowed("POST"));
    }
    return CompletableFuture.completedFuture(read(request, path, method));
  }

  /**
   * Reads and drops the body of a request that no route reads (a POST to {@code /ping}), up to
   * {@value #DRAIN_BYTES} bytes, before it is answered: answered first, a body that arrived after
   * the answer made Jetty close the connection the answer had not said it would close, and the
   * client's next request on it read nothing. A larger body still gets its connection closed.
   */
  private static void discardBody(Request request) throws IOException {
    if (request.getLength() == 0) {
      return;
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      drain(in);
    }
  }

  /** Answers a request for anything but {@code /bake}. */
  private Answer read(Request request, String path, String method) throws Exception {
    String[] parts = path.split("/", -1);
    boolean known =
        path.equals("/ping")
            || path.equals("/repos")
            || path.equals("/metrics")
            || path.equals("/health")
            || (parts.length == 3 && parts[1].equals("repos"))
            || (parts.length == 4 && parts[1].equals("repos") && parts[3].equals("stats"));
    if (!known) {
      return Answer.error(404, "no such resource: " + path);
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return Answer.methodNotAllowed("GET");
    }
    switch (path) {
      case "/ping":
        return Answer.text(200, "text/plain; charset=utf-8", "pong");
      case "/metrics":
        return Answer.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
      case "/health":
        ObjectNode h = health.check();
        return Answer.json("ready".equals(h.path("status").asText()) ? 200 : 503, h);
      case "/repos":
        return repositories();
      default:
        break;
    }
    String key = parts[2].toLowerCase(Locale.ROOT);
    if (!RepositoryId.isValidKey(key)) {
      return Answer.error(404, "not a repository key: " + key);
    }
    return parts.length == 3 ? repository(key) : stats(key, request);
  }

  private CompletableFuture<Answer> bake(Request request) throws Exception {
    BakeRequestBody body = BakeRequestBody.parse(readBody(request));
    List<RepositoryUrl> urls = new ArrayList<>();
    for (String u : body.urls()) {
      urls.add(policy.check(u));
    }
    List<BakeJob> jobs;
    try {
      jobs = queue.submit(urls);
    } catch (RefusedRequestException e) {
      metrics.rejected(e.getMessage() != null && e.getMessage().contains("shutting down"));
      throw e;
    }
    if (!body.waitForResult()) {
      ArrayNode accepted = Answer.JSON.createArrayNode();
      for (BakeJob j : jobs) {
        accepted.add(jobJson(j));
      }
      ObjectNode o = Answer.object().put("message", "accepted");
      if (jobs.size() == 1) {
        o.setAll(jobJson(jobs.get(0)));
      }
      o.set("accepted", accepted);
      return CompletableFuture.completedFuture(Answer.json(202, o));
    }
    CompletableFuture<?>[] all = jobs.stream().map(j -> j.result).toArray(CompletableFuture[]::new);
    ServiceMetrics.WaitingRequest counted = metrics.waiting();
    return CompletableFuture.allOf(all)
        .orTimeout(settings.waitLimit().toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (done, failure) -> {
              counted.close();
              Throwable e = failure instanceof CompletionException ? failure.getCause() : failure;
              if (e instanceof TimeoutException) {
                ObjectNode o =
                    Answer.object()
                        .put("message", "still baking after the wait limit; see GET /repos/{key}");
                ArrayNode accepted = o.putArray("accepted");
                jobs.forEach(j -> accepted.add(jobJson(j)));
                return Answer.json(202, o);
              } else if (failure != null) {
                throw new IllegalStateException("a bake job's future failed", failure);
              }
              List<BakeReport> reports = new ArrayList<>();
              for (BakeJob j : jobs) {
                reports.add(j.result.getNow(null));
              }
              return Reports.answer(reports);
            });
  }

  private byte[] readBody(Request request) throws RefusedRequestException, IOException {
    int limit = settings.maxBodyBytes();
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (request.getLength() > limit) {
        throw tooLarge(in, limit);
      }
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw tooLarge(in, limit);
      }
      return bytes;
    }
  }

  /**
   * Reads and drops up to {@value #DRAIN_BYTES} more bytes of a refused body before the 413 is
   * sent: a server that answers and closes while the client is still sending leaves unread bytes
   * behind, the kernel resets the connection, and the client reads "connection reset" instead of
   * the answer. A body larger still gets its connection closed.
   */
  private static RefusedRequestException tooLarge(InputStream in, int limit) throws IOException {
    drain(in);
    return new RefusedRequestException(413, "the body is larger than " + limit + " bytes");
  }

  /** Reads and drops up to {@value #DRAIN_BYTES} bytes of {@code in}. */
  private static void drain(InputStream in) throws IOException {
    long left = DRAIN_BYTES;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          break;
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  private ObjectNode jobJson(BakeJob j) {
    return Answer.object()
        .put("url", j.url.toString())
        .put("key", j.key())
        .put("state", j.state.name().toLowerCase(Locale.ROOT));
  }

  private Answer repositories() throws SQLException {
    ArrayNode list = Answer.JSON.createArrayNode();
    for (RepositorySummary s : queries.repositories()) {
      list.add(summaryJson(s));
    }
    return Answer.json(200, Answer.object().set("repositories", list));
  }

  private Answer repository(String key) throws SQLException {
    Optional<RepositorySummary> summary = queries.repository(key);
    Optional<BakeJob> job = queue.job(key);
    if (summary.isEmpty() && job.isEmpty()) {
      return Answer.error(404, "no repository with key " + key + " was baked or is queued");
    }
    ObjectNode o =
        summary.isPresent()
            ? summaryJson(summary.get())
            : Answer.object()
                .put("key", key)
                .put("url", job.get().url.toString())
                .put("commits", 0);
    o.put("state", job.map(j -> j.state.name().toLowerCase(Locale.ROOT)).orElse("idle"));
    if (job.isPresent()) {
      o.put("acceptedAt", Instant.ofEpochMilli(job.get().acceptedAtMillis).toString());
    }
    Checkpoint checkpoint = queries.checkpoint(key);
    ObjectNode refs = o.putObject("checkpoint");
    checkpoint.tips().forEach((ref, id) -> refs.put(ref, id.toString()));
    return Answer.json(200, o);
  }

  private Answer stats(String key, Request request) throws SQLException, RefusedRequestException {
    Optional<RepositorySummary> summary = queries.repository(key);
    if (summary.isEmpty()) {
      return Answer.error(404, "no repository with key " + key + " was baked");
    }
    int top = DEFAULT_TOP;
    Fields query = Request.extractQueryParameters(request);
    String t = query.getValue("top");
    if (t != null) {
      try {
        top = Integer.parseInt(t);
      } catch (NumberFormatException e) {
        top = -1;
      }
      if (top < 0 || top > MAX_TOP) {
        throw new RefusedRequestException(400, "top must be a number from 0 to " + MAX_TOP);
      }
    }
    return Answer.json(
        200, StatsJson.of(summary.get().url(), queries.stats(key, top, Instant.now())));
  }

  private static ObjectNode summaryJson(RepositorySummary s) {
    ObjectNode o =
        Answer.object().put("key", s.key()).put("url", s.url()).put("commits", s.commits());
    if (s.lastBake().isPresent()) {
      BakeRecord b = s.lastBake().get();
      o.putObject("lastBake")
          .put("started", b.started().toString())
          .put("finished", b.finished().toString())
          .put("outcome", b.outcome().name().toLowerCase(Locale.ROOT))
          .put("newCommits", b.newCommits())
          .put("retractedCommits", b.retractedCommits())
          .put("resynced", b.resynced())
          .put("error", b.error().orElse(null));
    } else {
      o.putNull("lastBake");
    }
    return o;
  }
}
