package dev.pizza.examples.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pizza.BakeResult;
import dev.pizza.CommitSink;
import dev.pizza.PizzaOven;
import dev.pizza.ProgressListener;
import dev.pizza.RepositoryUrl;
import dev.pizza.cache.DiskRepoStore;
import dev.pizza.errors.BakeCancelledException;
import dev.pizza.errors.InvalidRepositoryUrlException;
import dev.pizza.errors.LocalAccessDeniedException;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.RepositoryStorageException;
import dev.pizza.errors.SinkException;
import dev.pizza.errors.StorageExhaustedException;
import dev.pizza.jdbc.PizzaDatabase;
import dev.pizza.jgit.JGitBackend;
import dev.pizza.jgit.RemoteCredentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The oven service: an HTTP server (Jetty 12) in front of a {@link PizzaOven} that bakes into a
 * {@link PizzaDatabase} through a persistent queue. See the project README for the API.
 *
 * <pre>{@code
 * try (OvenService s = OvenService.start(settings, store, db, generations, credentials)) {
 *   s.awaitStop();
 * }
 * }</pre>
 *
 * <p>{@link #close} stops accepting bakes, lets running ones finish within {@link
 * ServiceSettings#grace()}, cancels the rest (their requests stay recorded and resume at the next
 * start), stops the server, and closes the oven, the store and the database.
 */
public final class OvenService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OvenService.class);

  /** How long stopping waits for answers still being written. */
  private static final long STOP_ANSWER_MILLIS = 5_000;

  private final ServiceSettings settings;
  private final DiskRepoStore store;
  private final PizzaDatabase db;
  private final PizzaOven oven;
  private final CommitSink sink;
  private final UrlPolicy policy;
  private final BakeQueue queue;
  private final ServiceMetrics metrics;
  private final Server server;
  private volatile boolean open = true;
  private boolean closed;

  private OvenService(
      ServiceSettings settings,
      UrlPolicy policy,
      DiskRepoStore store,
      PizzaDatabase db,
      PizzaOven oven,
      UnaryOperator<CommitSink> sinkDecorator) {
    this.settings = settings;
    this.store = store;
    this.db = db;
    this.oven = oven;
    this.sink = sinkDecorator.apply(db.sink());
    this.policy = policy;
    this.queue =
        new BakeQueue(
            settings.concurrency(),
            settings.queueSize(),
            new BakeRequestTable(db.dataSource()),
            this::bake);
    this.metrics = new ServiceMetrics(queue, store);
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("pizza-http");
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(settings.bind());
    connector.setPort(settings.port());
    server.addConnector(connector);
    // Graceful: stop() lets requests in flight (a wait request told "postponed") write their
    // answer before the connections close.
    server.setHandler(
        new GracefulHandler(
            new ApiHandler(settings, policy, queue, db.queries(), metrics, this::health)));
    server.setStopTimeout(STOP_ANSWER_MILLIS);
    server.setErrorHandler(new JsonErrorHandler());
  }

  /**
   * Starts the service: resumes the requests an earlier run recorded, then listens. Takes ownership
   * of {@code store} and {@code db}, closed by {@link #close}.
   *
   * @param generationsDirectory where the backend keeps generation numbers
   * @param credentials tokens per host for the transfers
   * @throws Exception if the server cannot listen or the database cannot be read; what was opened
   *     is closed
   */
  public static OvenService start(
      ServiceSettings settings,
      DiskRepoStore store,
      PizzaDatabase db,
      Path generationsDirectory,
      RemoteCredentials credentials)
      throws Exception {
    return start(settings, store, db, generationsDirectory, credentials, UnaryOperator.identity());
  }

  static OvenService start(
      ServiceSettings settings,
      DiskRepoStore store,
      PizzaDatabase db,
      Path generationsDirectory,
      RemoteCredentials credentials,
      UnaryOperator<CommitSink> sinkDecorator)
      throws Exception {
    UrlPolicy policy = new UrlPolicy(settings.allowedHosts(), settings.allowPrivateNetwork());
    PizzaOven oven;
    try {
      oven =
          PizzaOven.builder()
              .backend(
                  JGitBackend.builder()
                      .store(store)
                      .timeout(settings.timeout())
                      .credentials(credentials)
                      .redirects(policy::allowsRedirect)
                      .generationsDirectory(generationsDirectory)
                      .build())
              .allowLocalRepositories(false)
              .intermediateCheckpoints(
                  PizzaDatabase.CHECKPOINT_COMMITS, PizzaDatabase.CHECKPOINT_TIME)
              .mailmap(settings.mailmap())
              .build();
    } catch (IOException | RuntimeException e) {
      store.close();
      db.close();
      throw e;
    }
    OvenService s = new OvenService(settings, policy, store, db, oven, sinkDecorator);
    try {
      int resumed = s.queue.start();
      if (resumed > 0) {
        LOG.info("resuming {} bake requests recorded before the last stop", resumed);
      }
      s.server.start();
    } catch (Exception e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** Returns the port the service listens on. */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** Returns the address the service listens on. */
  public InetSocketAddress address() {
    return new InetSocketAddress(settings.bind(), port());
  }

  /** Blocks until the server has stopped. */
  public void awaitStop() throws InterruptedException {
    server.join();
  }

  private BakeReport bake(RepositoryUrl url, ProgressListener listener) {
    long start = System.nanoTime();
    BakeReport report = bakeOnce(url, listener);
    metrics.bakeEnded(report, Duration.ofNanos(System.nanoTime() - start));
    return report;
  }

  private BakeReport bakeOnce(RepositoryUrl url, ProgressListener queued) {
    String u = url.toString();
    String key = url.id().key();
    long end = System.nanoTime() + settings.deadline().toNanos();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public boolean isCancelled() {
            return queued.isCancelled() || System.nanoTime() - end >= 0;
          }
        };
    try {
      // The host may resolve elsewhere now than when the request was accepted.
      policy.checkHost(url);
      long start = System.nanoTime();
      BakeResult r = oven.bake(url, sink, listener);
      long total = db.queries().repository(key).map(s -> s.commits()).orElse(0L);
      return new BakeReport.Baked(
          u,
          key,
          r.newCommits(),
          r.retractedCommits(),
          r.resynced(),
          total,
          Duration.ofNanos(System.nanoTime() - start).toMillis());
    } catch (RefusedRequestException e) {
      return new BakeReport.Failed(u, key, e.status(), "refused", String.valueOf(e.getMessage()));
    } catch (BakeCancelledException e) {
      if (queue.cancelling()) {
        return new BakeReport.Postponed(u, key);
      } else if (System.nanoTime() - end >= 0) {
        return new BakeReport.Failed(
            u,
            key,
            504,
            "deadline",
            "the bake took longer than the service's deadline of "
                + settings.deadline().toSeconds()
                + " s (--deadline) and was cancelled");
      }
      return failed(u, key, e);
    } catch (PizzaException e) {
      return failed(u, key, e);
    } catch (SQLException e) {
      LOG.warn("bake of {} done, but its total could not be read: {}", u, e.getMessage());
      return new BakeReport.Failed(u, key, 500, "database", "cannot read the database");
    } catch (RuntimeException e) {
      LOG.error("internal error baking {}", u, e);
      return new BakeReport.Failed(u, key, 500, "internal", "internal error while baking");
    } catch (OutOfMemoryError | StackOverflowError e) {
      // The repository is larger than this JVM was given, not a fault of the service: the bake
      // has unwound (its sink aborted, its arrays unreachable), and the worker goes on.
      boolean heap = e instanceof OutOfMemoryError;
      String option = heap ? "-Xmx" : "-Xss";
      LOG.error(
          "bake of {} ran out of {} ({}); start the service with a larger {}",
          u,
          heap ? "memory" : "stack",
          e.getMessage(),
          option);
      return new BakeReport.Failed(
          u,
          key,
          500,
          heap ? "out_of_memory" : "out_of_stack",
          "the bake ran out of "
              + (heap ? "memory" : "stack")
              + " on the service's side: the repository needs a JVM with a larger "
              + option
              + " than the service has");
    }
  }

  private static BakeReport.Failed failed(String url, String key, PizzaException e) {
    int status;
    if (e instanceof InvalidRepositoryUrlException || e instanceof LocalAccessDeniedException) {
      status = 400;
    } else if (e instanceof StorageExhaustedException) {
      status = 503;
    } else if (e instanceof RepositoryStorageException || e instanceof SinkException) {
      status = 500;
    } else {
      status = 502; // the remote: not found, refused credentials, unreachable, timed out, broken
    }
    String kind =
        e.getClass()
            .getSimpleName()
            .replaceAll("Exception$", "")
            .replaceAll("([a-z])([A-Z])", "$1_$2")
            .toLowerCase(Locale.ROOT);
    String message = e.getMessage() == null ? kind : RepositoryUrl.redact(e.getMessage());
    if (status == 500) {
      LOG.warn("bake of {} failed: {}", url, message);
      message = "the bake failed on the service's side (" + kind + ")";
    }
    return new BakeReport.Failed(url, key, status, kind, message);
  }

  private ObjectNode health() {
    ObjectNode o = Answer.object();
    boolean dbUp;
    try (Connection c = db.dataSource().getConnection()) {
      dbUp = c.isValid(2);
    } catch (SQLException e) {
      dbUp = false;
    }
    boolean storeOpen = open;
    if (storeOpen) {
      try {
        store.stats();
      } catch (RuntimeException e) {
        storeOpen = false;
      }
    }
    o.put("status", dbUp && storeOpen ? "ready" : "unavailable");
    o.put("database", dbUp ? "up" : "down");
    o.put("store", storeOpen ? "open" : "closed");
    o.put("queued", queue.waiting());
    o.put("baking", queue.running());
    return o;
  }

  /** Stops as the class comment says. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.shutdown(settings.grace());
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the HTTP server: {}", e.toString());
    }
    open = false;
    oven.close();
    store.close();
    db.close();
  }
}
