package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.PizzaOven;
import dev.pizza.ProgressListener;
import dev.pizza.RepositoryUrl;
import dev.pizza.errors.BakeCancelledException;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.RepositoryNotFoundException;
import dev.pizza.errors.RepositoryUnreachableException;
import dev.pizza.errors.TransferException;
import dev.pizza.errors.TransferTimeoutException;
import dev.pizza.spi.Acquisition;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers that break: each failure is typed, leaves no repository or temporary file in the store,
 * and the next bake succeeds once the server is well again.
 */
class TransferFaultTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** A deadline guard, not a benchmark: the timeout plus a generous margin for a loaded machine. */
  private static final long DEADLINE_MILLIS = TIMEOUT.toMillis() + 20_000;

  @TempDir Path tmp;
  private RemoteFixture fx;
  private PizzaOven oven;
  private final RecordingSink sink = new RecordingSink();

  @BeforeEach
  void setUp() throws Exception {
    fx = new RemoteFixture(tmp.resolve("served"));
    fx.grow(20);
    oven =
        PizzaOven.builder()
            .backend(JGitBackend.builder().storeDirectory(store()).timeout(TIMEOUT).build())
            .build();
  }

  @AfterEach
  void tearDown() {
    oven.close();
    fx.close();
  }

  private Path store() {
    return tmp.resolve("store");
  }

  private void assertRecovers(String url) throws Exception {
    RemoteFixture.assertStoreClean(store());
    assertThat(oven.bake(url, sink).acquisition()).isEqualTo(Acquisition.CLONED);
    fx.assertExactlyOnce(sink);
  }

  /** Scenarios: broken transfers. */
  @Nested
  class BrokenTransfers {

    @Test
    void serverDropsConnectionHalfwayThroughPack_isTransferFailure_storeClean() throws Exception {
      try (SmartHttpServer server = new SmartHttpServer(fx.base)) {
        server.mode(SmartHttpServer.Mode.TRUNCATE_PACK);
        assertThatThrownBy(() -> oven.bake(server.url("origin.git"), sink))
            .isInstanceOf(TransferException.class);
        server.mode(SmartHttpServer.Mode.NORMAL);
        assertRecovers(server.url("origin.git"));
      }
    }

    @Test
    void fetchBreaksHalfway_mirrorStaysUsable_nextFetchDeliversOnce() throws Exception {
      try (SmartHttpServer server = new SmartHttpServer(fx.base)) {
        oven.bake(server.url("origin.git"), sink);
        fx.grow(5);
        server.mode(SmartHttpServer.Mode.TRUNCATE_PACK);
        assertThatThrownBy(() -> oven.bake(server.url("origin.git"), sink))
            .isInstanceOf(TransferException.class);
        server.mode(SmartHttpServer.Mode.NORMAL);
        assertThat(oven.bake(server.url("origin.git"), sink).acquisition())
            .isEqualTo(Acquisition.FETCHED);
        fx.assertExactlyOnce(sink);
      }
    }

    @Test
    void fetchGivenUpOnSilentServer_invalidatesEntry_nextBakeClonesAgainWithoutResync()
        throws Exception {
      ForwardingStore store =
          new ForwardingStore(
              dev.pizza.cache.DiskRepoStore.builder().root(tmp.resolve("fs")).build());
      try (SmartHttpServer server = new SmartHttpServer(fx.base);
          PizzaOven oven =
              PizzaOven.builder()
                  .backend(JGitBackend.builder().store(store).timeout(TIMEOUT).build())
                  .build()) {
        String url = server.url("origin.git");
        oven.bake(url, sink);
        fx.grow(3);
        server.mode(SmartHttpServer.Mode.STALL);
        assertThatThrownBy(() -> oven.bake(url, sink)).isInstanceOf(TransferTimeoutException.class);
        assertThat(store.invalidations).containsEntry(RepositoryUrl.parse(url).id().key(), 1);
        server.mode(SmartHttpServer.Mode.NORMAL);
        var r = oven.bake(url, sink);
        assertThat(r.acquisition()).isEqualTo(Acquisition.CLONED);
        assertThat(r.resynced()).isFalse();
        assertThat(r.newCommits()).isEqualTo(3);
        fx.assertExactlyOnce(sink);
      } finally {
        store.close();
      }
    }

    @Test
    void httpServerAnswersGarbage_isTransferFailure_storeClean() throws Exception {
      try (SmartHttpServer server = new SmartHttpServer(fx.base)) {
        server.mode(SmartHttpServer.Mode.GARBAGE);
        assertThatThrownBy(() -> oven.bake(server.url("origin.git"), sink))
            .isInstanceOf(TransferException.class);
        server.mode(SmartHttpServer.Mode.NORMAL);
        assertRecovers(server.url("origin.git"));
      }
    }

    @Test
    void gitServerAnswersGarbage_isTransferFailure_storeClean() throws Exception {
      try (StallingServer garbage = new StallingServer(true)) {
        assertThatThrownBy(() -> oven.bake("git://127.0.0.1:" + garbage.port() + "/origin", sink))
            .isInstanceOf(TransferException.class);
      }
      RemoteFixture.assertStoreClean(store());
    }
  }

  /** Scenarios: silent servers. */
  @Nested
  class SilentServers {

    @Test
    void gitServerAcceptsAndNeverAnswers_timesOutWithinLimit_storeClean() throws Exception {
      try (StallingServer silent = new StallingServer(false)) {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> oven.bake("git://127.0.0.1:" + silent.port() + "/origin", sink))
            .isInstanceOf(TransferTimeoutException.class);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(took).as("milliseconds until the timeout fired").isLessThan(DEADLINE_MILLIS);
        assertThat(silent.connections()).isPositive();
      }
      RemoteFixture.assertStoreClean(store());
    }

    @Test
    void httpServerNeverAnswers_timesOut_thenRecovers() throws Exception {
      try (SmartHttpServer server = new SmartHttpServer(fx.base)) {
        server.mode(SmartHttpServer.Mode.STALL);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> oven.bake(server.url("origin.git"), sink))
            .isInstanceOf(TransferTimeoutException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
            .isLessThan(DEADLINE_MILLIS);
        server.mode(SmartHttpServer.Mode.NORMAL);
        assertRecovers(server.url("origin.git"));
      }
    }
  }

  /** Scenarios: missing repositories and hosts. */
  @Nested
  class MissingRepositoriesAndHosts {

    @Test
    void gitDaemonWithoutTheRepository_isNotFound() throws Exception {
      try (GitDaemonServer server = new GitDaemonServer(fx.base)) {
        assertThatThrownBy(() -> oven.bake(server.url("nothing-here"), sink))
            .isInstanceOf(RepositoryNotFoundException.class);
      }
      RemoteFixture.assertStoreClean(store());
    }

    @Test
    void httpWithoutTheRepository_isNotFound() throws Exception {
      try (SmartHttpServer server = new SmartHttpServer(fx.base)) {
        assertThatThrownBy(() -> oven.bake(server.url("nothing-here"), sink))
            .isInstanceOf(RepositoryNotFoundException.class);
      }
      RemoteFixture.assertStoreClean(store());
    }

    @Test
    void nothingListening_isUnreachable() throws Exception {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      for (String url :
          new String[] {"git://127.0.0.1:" + port + "/x", "http://127.0.0.1:" + port + "/x"}) {
        assertThatThrownBy(() -> oven.bake(url, sink))
            .as(url)
            .isInstanceOf(RepositoryUnreachableException.class);
      }
      RemoteFixture.assertStoreClean(store());
    }
  }

  /** Scenarios: cancellation. */
  @Nested
  class Cancellation {

    @Test
    void cancelledFromAnotherThreadWhileServerStalls_isCancelled_storeClean() throws Exception {
      AtomicBoolean cancel = new AtomicBoolean();
      ProgressListener listener =
          new ProgressListener() {
            @Override
            public boolean isCancelled() {
              return cancel.get();
            }
          };
      try (SmartHttpServer server = new SmartHttpServer(fx.base)) {
        server.mode(SmartHttpServer.Mode.STALL);
        RepositoryUrl url = RepositoryUrl.parse(server.url("origin.git"));
        CompletableFuture<Object> bake =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return oven.bake(url, sink, listener);
                  } catch (PizzaException e) {
                    return e;
                  }
                });
        assertThat(server.stalled.await(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        cancel.set(true);
        assertThat(bake.get(DEADLINE_MILLIS, TimeUnit.MILLISECONDS))
            .isInstanceOf(BakeCancelledException.class);
        server.mode(SmartHttpServer.Mode.NORMAL);
        assertRecovers(server.url("origin.git"));
      }
    }

    @Test
    void interruptedWhileServerStalls_isCancelled_storeClean() throws Exception {
      try (SmartHttpServer server = new SmartHttpServer(fx.base)) {
        server.mode(SmartHttpServer.Mode.STALL);
        Object[] outcome = new Object[1];
        Thread t =
            new Thread(
                () -> {
                  try {
                    outcome[0] = oven.bake(server.url("origin.git"), sink);
                  } catch (PizzaException e) {
                    outcome[0] = e;
                  }
                });
        t.start();
        assertThat(server.stalled.await(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        t.interrupt();
        t.join(DEADLINE_MILLIS);
        assertThat(t.isAlive()).isFalse();
        assertThat(outcome[0]).isInstanceOf(BakeCancelledException.class);
        server.mode(SmartHttpServer.Mode.NORMAL);
        assertRecovers(server.url("origin.git"));
      }
    }
  }
}
