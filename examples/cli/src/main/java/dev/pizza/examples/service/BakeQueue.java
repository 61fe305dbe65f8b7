package dev.pizza.examples.service;

import dev.pizza.ProgressListener;
import dev.pizza.RepositoryUrl;
import dev.pizza.errors.InvalidRepositoryUrlException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded, deduplicating, persistent queue of bakes, and its workers.
 *
 * <p>Invariants, all kept under one monitor ({@code lock}):
 *
 * <ul>
 *   <li>A repository has at most one {@link BakeJob} in {@code active}, from its acceptance until
 *       its bake ends; a request for it meanwhile joins that job (every waiting caller gets its
 *       result). Hence one bake per repository at a time.
 *   <li>A job's row in {@link BakeRequestTable} is written before its acceptance is answered, and
 *       deleted only after its bake ended (success or failure), under the monitor: a request
 *       joining a job never loses its row to the job's end. A bake cancelled by shutdown keeps its
 *       row, so the next start resumes it.
 *   <li>At most {@code queueSize} jobs wait for a worker; admission of a request whose new
 *       repositories would exceed that is refused whole (503 with Retry-After). Joining never is.
 *   <li>{@code concurrency} worker threads take jobs in acceptance order.
 * </ul>
 */
final class BakeQueue {
  private static final Logger LOG = LoggerFactory.getLogger(BakeQueue.class);

  /** Runs one bake; returns its report, never throws. */
  interface Baker {
    BakeReport bake(RepositoryUrl url, ProgressListener listener);
  }

  private final Object lock = new Object();
  private final Map<String, BakeJob> active = new HashMap<>();
  private final ArrayDeque<BakeJob> waiting = new ArrayDeque<>();
  private final int queueSize;
  private final BakeRequestTable table;
  private final Baker baker;
  private final List<Thread> workers = new ArrayList<>();
  private boolean accepting = true;
  private boolean stopping;
  private volatile boolean cancelling;
  private int running;

  BakeQueue(int concurrency, int queueSize, BakeRequestTable table, Baker baker) {
    this.queueSize = queueSize;
    this.table = table;
    this.baker = baker;
    for (int i = 0; i < concurrency; i++) {
      Thread t = new Thread(this::work, "pizza-bake-" + (i + 1));
      t.setDaemon(true);
      workers.add(t);
    }
  }

  /**
   * Queues the requests recorded by an earlier run (all of them, whatever the queue's size), then
   * starts the workers. Returns how many were resumed.
   */
  int start() throws SQLException {
    int resumed = 0;
    synchronized (lock) {
      for (BakeRequestTable.Row row : table.all()) {
        RepositoryUrl url;
        try {
          url = RepositoryUrl.parse(row.url());
        } catch (InvalidRepositoryUrlException e) {
          LOG.warn("dropping a stored bake request whose URL no longer parses");
          table.delete(row.key());
          continue;
        }
        if (!active.containsKey(url.id().key())) {
          BakeJob job = new BakeJob(url, row.requestedAtMillis());
          active.put(job.key(), job);
          waiting.add(job);
          resumed++;
        }
      }
    }
    workers.forEach(Thread::start);
    return resumed;
  }

  /**
   * Accepts bakes of {@code urls}: each joins its repository's job or gets a new one, recorded in
   * the database before this returns. Returns the jobs, one per distinct repository, in order.
   *
   * @throws RefusedRequestException 503 when the queue is full or the service is stopping
   * @throws SQLException if the request could not be recorded (nothing was accepted)
   */
  List<BakeJob> submit(List<RepositoryUrl> urls) throws RefusedRequestException, SQLException {
    Map<String, RepositoryUrl> distinct = new LinkedHashMap<>();
    urls.forEach(u -> distinct.putIfAbsent(u.id().key(), u));
    synchronized (lock) {
      if (!accepting) {
        throw new RefusedRequestException(503, "the service is shutting down", 5);
      }
      long fresh = distinct.keySet().stream().filter(k -> !active.containsKey(k)).count();
      if (fresh > 0 && waiting.size() + fresh > queueSize) {
        throw new RefusedRequestException(
            503,
            "the bake queue is full ("
                + waiting.size()
                + " of "
                + queueSize
                + " waiting); try again later",
            retryAfterSeconds());
      }
      List<BakeJob> jobs = new ArrayList<>();
      long now = System.currentTimeMillis();
      for (RepositoryUrl url : distinct.values()) {
        BakeJob job = active.get(url.id().key());
        if (job == null) {
          table.insert(url.id().key(), url.toString(), now);
          job = new BakeJob(url, now);
          active.put(job.key(), job);
          waiting.add(job);
          lock.notifyAll();
        }
        jobs.add(job);
      }
      return jobs;
    }
  }

  private long retryAfterSeconds() {
    return Math.max(1, Math.min(60, waiting.size() / Math.max(1, workers.size())));
  }

  /** Returns the repository's job, if it is queued or baking. */
  Optional<BakeJob> job(String key) {
    synchronized (lock) {
      return Optional.ofNullable(active.get(key));
    }
  }

  /** Returns how many jobs wait for a worker. */
  int waiting() {
    synchronized (lock) {
      return waiting.size();
    }
  }

  /** Returns how many bakes run now. */
  int running() {
    synchronized (lock) {
      return running;
    }
  }

  private void work() {
    while (true) {
      BakeJob job;
      synchronized (lock) {
        while (waiting.isEmpty() && !stopping) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            if (stopping) {
              return;
            }
          }
        }
        if (stopping) {
          return;
        }
        job = waiting.poll();
        job.state = BakeJob.State.BAKING;
        running++;
      }
      BakeReport report;
      try {
        report = baker.bake(job.url, cancellation());
      } catch (RuntimeException | Error e) {
        LOG.error("a bake threw instead of reporting", e);
        report =
            new BakeReport.Failed(
                job.url.toString(), job.key(), 500, "internal", "internal error while baking");
      }
      synchronized (lock) {
        running--;
        active.remove(job.key());
        if (!(report instanceof BakeReport.Postponed)) {
          try {
            table.delete(job.key());
          } catch (SQLException e) {
            // The row stays; the next start bakes the repository once more, harmlessly.
            LOG.warn("cannot forget a finished bake request: {}", e.getMessage());
          }
        }
        lock.notifyAll();
      }
      job.result.complete(report);
    }
  }

  private ProgressListener cancellation() {
    return new ProgressListener() {
      @Override
      public boolean isCancelled() {
        return cancelling;
      }
    };
  }

  /** Returns whether shutdown is cancelling running bakes (so a cancelled one is postponed). */
  boolean cancelling() {
    return cancelling;
  }

  /**
   * Stops: accepts nothing more, starts no other bake, lets running bakes finish within {@code
   * grace}, then cancels them (they keep their rows and resume at the next start). Callers waiting
   * for a job that did not run are told it was postponed.
   */
  void shutdown(Duration grace) {
    List<BakeJob> postponed;
    synchronized (lock) {
      accepting = false;
      stopping = true;
      postponed = new ArrayList<>(waiting);
      waiting.clear();
      postponed.forEach(j -> active.remove(j.key()));
      lock.notifyAll();
    }
    for (BakeJob j : postponed) {
      j.result.complete(new BakeReport.Postponed(j.url.toString(), j.key()));
    }
    long deadline = System.nanoTime() + grace.toNanos();
    joinAll(deadline);
    if (workers.stream().anyMatch(Thread::isAlive)) {
      LOG.info("cancelling the bakes still running after the grace period");
      cancelling = true;
      workers.forEach(Thread::interrupt);
      joinAll(System.nanoTime() + Duration.ofSeconds(30).toNanos());
    }
  }

  private void joinAll(long deadlineNanos) {
    for (Thread t : workers) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        t.join(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
