package dev.pizza.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.RepositoryId;
import dev.pizza.errors.StorageExhaustedException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Many threads on one store: no deadlock, no entry deleted under a lease, budgets hold. */
class ConcurrencyTest {
  @TempDir Path root;

  @Test
  @Timeout(120) // deadlock guard only
  void randomOperations_eightThreads_neverDeleteUnderLeaseAndKeepBudgets() throws Exception {
    long capacity = 2_000;
    try (DiskRepoStore store =
        DiskRepoStore.builder()
            .root(root)
            .maxBytes(1_000)
            .minFreeBytes(600)
            .freeSpace(FakeRepos.disk(capacity))
            .maxConcurrentLoads(3)
            .pinned(List.of(FakeRepos.id(0)))
            .build()) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
      AtomicInteger exhausted = new AtomicInteger();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        long seed = 1000 + t;
        done.add(
            pool.submit(
                () -> {
                  Random random = new Random(seed);
                  for (int i = 0; i < 125; i++) {
                    RepositoryId id = FakeRepos.id(random.nextInt(20));
                    try (Lease lease =
                        store.acquire(id, FakeRepos.loader(10 + random.nextInt(90)))) {
                      Path payload = lease.directory().resolve(FakeRepos.PAYLOAD);
                      assertThat(Files.exists(payload)).as("payload exists while leased").isTrue();
                      if (random.nextInt(5) == 0) {
                        FakeRepos.grow(lease.directory(), random.nextInt(30));
                      }
                      Thread.yield();
                      assertThat(Files.exists(payload))
                          .as("payload still exists while leased")
                          .isTrue();
                      if (random.nextInt(50) == 0) {
                        lease.invalidate();
                      }
                    } catch (StorageExhaustedException e) {
                      exhausted.incrementAndGet();
                    } catch (Throwable e) {
                      unexpected.add(e);
                    }
                  }
                }));
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(100, TimeUnit.SECONDS)).as("no deadlock").isTrue();
      for (Future<?> f : done) {
        f.get();
      }
      assertThat(unexpected).as("no exception other than StorageExhaustedException").isEmpty();
      StoreStats stats = store.stats();
      assertThat(stats.evictions()).as("the budget forced evictions").isPositive();
      assertThat(stats.bytes()).as("max-bytes holds at quiescence").isLessThanOrEqualTo(1_000);
      assertThat(capacity - FakeRepos.repositoryBytes(root))
          .as("min-free holds at quiescence")
          .isGreaterThanOrEqualTo(600);
      assertThat(stats.bytes())
          .as("recorded bytes equal bytes on disk")
          .isEqualTo(FakeRepos.repositoryBytes(root));
      assertThat(store.entries()).allSatisfy(e -> assertThat(e.leases()).isZero());
    }
  }

  @Test
  @Timeout(60)
  void sameNewRepository_manyThreads_loadedExactlyOnce() throws Exception {
    try (DiskRepoStore store = DiskRepoStore.builder().root(root).build()) {
      AtomicInteger calls = new AtomicInteger();
      RepositoryLoader slow =
          (dir, budget) -> {
            calls.incrementAndGet();
            try {
              Thread.sleep(200);
              FakeRepos.write(dir, 100);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            return Map.of();
          };
      int n = 8;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(n);
      List<Future<Boolean>> loaded = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        loaded.add(
            pool.submit(
                () -> {
                  start.await();
                  try (Lease lease = store.acquire(FakeRepos.id(7), slow)) {
                    return lease.loaded();
                  }
                }));
      }
      start.countDown();
      int loads = 0;
      for (Future<Boolean> f : loaded) {
        loads += f.get(50, TimeUnit.SECONDS) ? 1 : 0;
      }
      pool.shutdown();
      assertThat(calls.get())
          .as("loader called once for " + n + " concurrent acquires")
          .isEqualTo(1);
      assertThat(loads).as("exactly one lease reports it loaded").isEqualTo(1);
      assertThat(store.stats().clones()).isEqualTo(1);
    }
  }

  @Test
  @Timeout(60)
  void sameNewRepository_loadFails_everyWaiterGetsTheFailure() throws Exception {
    try (DiskRepoStore store = DiskRepoStore.builder().root(root).build()) {
      AtomicInteger calls = new AtomicInteger();
      CountDownLatch entered = new CountDownLatch(1);
      CountDownLatch proceed = new CountDownLatch(1);
      RepositoryLoader failing =
          (dir, budget) -> {
            calls.incrementAndGet();
            entered.countDown();
            try {
              proceed.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new UncheckedIOException(new java.io.IOException("clone failed"));
          };
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Future<?> leader = pool.submit(() -> store.acquire(FakeRepos.id(8), failing));
      entered.await();
      Future<?> waiter = pool.submit(() -> store.acquire(FakeRepos.id(8), failing));
      Thread.sleep(100); // let the waiter join the flight (no assertion depends on timing)
      proceed.countDown();
      for (Future<?> f : List.of(leader, waiter)) {
        assertThat(
                org.assertj.core.api.Assertions.catchThrowable(() -> f.get(30, TimeUnit.SECONDS)))
            .as("each acquire fails with the loader's failure")
            .hasRootCauseMessage("clone failed");
      }
      pool.shutdown();
      assertThat(calls.get())
          .as("loader called at most twice (once if the waiter joined)")
          .isBetween(1, 2);
      try (var tmp = Files.list(root.resolve("tmp"))) {
        assertThat(tmp.toList()).as("failed load leaves nothing in tmp/").isEmpty();
      }
    }
  }
}
