package dev.pizza.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.Checkpoint;
import dev.pizza.CommitRecord;
import dev.pizza.CommitSink;
import dev.pizza.RepositoryId;
import dev.pizza.jdbc.PizzaDatabase;
import dev.pizza.jgit.SmartHttpServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded load on loopback: 16 clients send 500 bake requests for 20 repositories while new
 * commits arrive in 5 of them. Only 200, 202 and 503 (with Retry-After) come back; no repository is
 * ever baked by two workers at once; afterwards every repository's stored set is its reachable set.
 */
class ServiceLoadTest {
  static final int CLIENTS = 16;
  static final int REQUESTS = 500;
  static final int REPOSITORIES = 20;

  @TempDir Path dir;

  /** Watches the sink's calls: a second bake of a repository begun before the first ended. */
  static final class OverlapWatch implements CommitSink {
    final CommitSink inner;
    final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    final List<String> overlaps = new CopyOnWriteArrayList<>();

    OverlapWatch(CommitSink inner) {
      this.inner = inner;
    }

    private AtomicInteger of(RepositoryId id) {
      return inFlight.computeIfAbsent(id.key(), k -> new AtomicInteger());
    }

    @Override
    public Checkpoint checkpoint(RepositoryId repository) throws Exception {
      return inner.checkpoint(repository);
    }

    @Override
    public void begin(RepositoryId repository, Checkpoint from) throws Exception {
      if (of(repository).incrementAndGet() > 1) {
        overlaps.add(repository.url());
      }
      inner.begin(repository, from);
    }

    @Override
    public void retract(RepositoryId repository, List<dev.pizza.CommitId> commits)
        throws Exception {
      inner.retract(repository, commits);
    }

    @Override
    public void resync(RepositoryId repository) throws Exception {
      inner.resync(repository);
    }

    @Override
    public void accept(RepositoryId repository, List<CommitRecord> commits) throws Exception {
      inner.accept(repository, commits);
    }

    @Override
    public void saveCheckpoint(RepositoryId repository, Checkpoint checkpoint) throws Exception {
      try {
        inner.saveCheckpoint(repository, checkpoint);
      } finally {
        of(repository).decrementAndGet();
      }
    }

    @Override
    public void abort(RepositoryId repository, Throwable cause) {
      of(repository).decrementAndGet();
      inner.abort(repository, cause);
    }
  }

  @Test
  void underLoad_onlyAcceptedOrRetryLater_noOverlap_andEveryStoredSetIsReachable()
      throws Exception {
    SmartHttpServer git = new SmartHttpServer(dir.resolve("remote"));
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < REPOSITORIES; i++) {
      GitRepos.create(dir.resolve("remote/r" + i), 3);
      urls.add(git.url("r" + i));
    }
    List<OverlapWatch> watches = new CopyOnWriteArrayList<>();
    ServiceSettings settings =
        ServiceSettings.builder().network(Set.of(), true).queue(4, 8).build();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    AtomicBoolean loading = new AtomicBoolean(true);
    Thread committer =
        new Thread(
            () -> {
              int n = 0;
              while (loading.get()) {
                try {
                  GitRepos.addCommits(dir.resolve("remote/r" + (n++ % 5)), 1);
                  Thread.sleep(20);
                } catch (Exception e) {
                  return;
                }
              }
            });
    try (RunningService s =
        RunningService.start(
            dir,
            RunningService.sqlite(dir),
            settings,
            sink -> {
              OverlapWatch w = new OverlapWatch(sink);
              watches.add(w);
              return w;
            })) {
      committer.start();
      AtomicInteger next = new AtomicInteger();
      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      List<String> bad = new CopyOnWriteArrayList<>();
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        done.add(
            clients.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                    RunningService.Reply r = s.bake(urls.get(i % REPOSITORIES), i % 3 == 0);
                    statuses
                        .computeIfAbsent(r.status(), k -> new AtomicInteger())
                        .incrementAndGet();
                    boolean ok =
                        r.status() == 200
                            || r.status() == 202
                            || (r.status() == 503 && r.retryAfter() != null);
                    if (!ok) {
                      bad.add(r.status() + " " + r.body());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      loading.set(false);
      committer.join();
      assertThat(bad).isEmpty();
      assertThat(statuses.keySet()).isSubsetOf(200, 202, 503);
      // A last bake of each, after the commits stopped, then the stored sets are exact.
      try (PizzaDatabase db = PizzaDatabase.open(RunningService.sqlite(dir))) {
        for (int i = 0; i < REPOSITORIES; i++) {
          RunningService.Reply r;
          do {
            r = s.bake(urls.get(i), true);
          } while (r.status() == 503);
          assertThat(r.status()).as(r.body()).isEqualTo(200);
          String key = r.json().path("key").asText();
          List<CommitRecord> stored = db.queries().commits(key);
          Set<String> ids = stored.stream().map(x -> x.id().toString()).collect(Collectors.toSet());
          assertThat(ids).hasSize(stored.size());
          assertThat(ids).isEqualTo(GitRepos.reachable(dir.resolve("remote/r" + i)));
          assertThat(r.json().path("totalCommits").asLong()).isEqualTo(stored.size());
        }
      }
      assertThat(watches).hasSize(1);
      assertThat(watches.get(0).overlaps).isEmpty();
    } finally {
      loading.set(false);
      clients.shutdownNow();
      git.close();
    }
  }
}
