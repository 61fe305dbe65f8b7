package dev.pizza.examples.service;

import dev.pizza.cache.DiskRepoStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's metrics, in Micrometer and scraped in Prometheus' text format at {@code /metrics}.
 * Names as Prometheus shows them:
 *
 * <ul>
 *   <li>{@code pizza_bakes_total{outcome="baked|failed|postponed"}}: bakes ended, by outcome;
 *   <li>{@code pizza_commits_delivered_total}: commits delivered to the database;
 *   <li>{@code pizza_bake_duration_seconds} (count, sum, max, buckets): how long bakes took;
 *   <li>{@code pizza_queue_depth}: bakes waiting for a worker; {@code pizza_bakes_running}: bakes
 *       running now;
 *   <li>{@code pizza_requests_waiting}: {@code "wait": true} requests holding their connection
 *       until their bakes end;
 *   <li>{@code pizza_requests_rejected_total{reason="queue_full|shutting_down"}}: bake requests
 *       refused with 503;
 *   <li>{@code pizza_store_bytes}, {@code pizza_store_entries}, {@code
 *       pizza_store_evictions_total}: the repository store's size and evictions.
 * </ul>
 */
final class ServiceMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer bakeDuration;
  private final Counter commitsDelivered;
  private final AtomicInteger waitingRequests = new AtomicInteger();

  ServiceMetrics(BakeQueue queue, DiskRepoStore store) {
    bakeDuration =
        Timer.builder("pizza.bake.duration")
            .description("how long bakes took")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(30))
            .register(registry);
    commitsDelivered =
        Counter.builder("pizza.commits.delivered")
            .description("commits delivered to the database")
            .register(registry);
    for (String outcome : new String[] {"baked", "failed", "postponed"}) {
      bakes(outcome);
    }
    for (String reason : new String[] {"queue_full", "shutting_down"}) {
      rejected(reason);
    }
    Gauge.builder("pizza.queue.depth", queue, BakeQueue::waiting)
        .description("bakes waiting for a worker")
        .register(registry);
    Gauge.builder("pizza.bakes.running", queue, BakeQueue::running)
        .description("bakes running now")
        .register(registry);
    Gauge.builder("pizza.requests.waiting", waitingRequests, AtomicInteger::get)
        .description("requests with wait=true holding their connection until their bakes end")
        .register(registry);
    Gauge.builder("pizza.store.bytes", store, s -> s.stats().bytes())
        .description("bytes the repository store holds")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("pizza.store.entries", store, s -> s.stats().entries())
        .description("repositories the store holds")
        .register(registry);
    FunctionCounter.builder("pizza.store.evictions", store, s -> s.stats().evictions())
        .description("repositories evicted from the store to meet its budgets")
        .register(registry);
  }

  private Counter bakes(String outcome) {
    return Counter.builder("pizza.bakes")
        .description("bakes ended, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  private Counter rejected(String reason) {
    return Counter.builder("pizza.requests.rejected")
        .description("bake requests refused with 503")
        .tag("reason", reason)
        .register(registry);
  }

  /** Records a bake's end. */
  void bakeEnded(BakeReport report, Duration took) {
    String outcome =
        report instanceof BakeReport.Baked
            ? "baked"
            : report instanceof BakeReport.Failed ? "failed" : "postponed";
    bakes(outcome).increment();
    bakeDuration.record(took);
    if (report instanceof BakeReport.Baked b) {
      commitsDelivered.increment(b.newCommits());
    }
  }

  /** Records a refused request. */
  void rejected(boolean shuttingDown) {
    rejected(shuttingDown ? "shutting_down" : "queue_full").increment();
  }

  /** Counts a {@code wait} request from now until the returned handle is closed. */
  WaitingRequest waiting() {
    waitingRequests.incrementAndGet();
    return waitingRequests::decrementAndGet;
  }

  /** A {@code wait} request being counted; closing it stops counting it. */
  interface WaitingRequest extends AutoCloseable {
    @Override
    void close();
  }

  /** Returns the scrape in Prometheus' text format. */
  String scrape() {
    return registry.scrape();
  }
}
