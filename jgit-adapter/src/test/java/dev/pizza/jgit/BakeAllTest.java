package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.BakeOutcome;
import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.CommitSink;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryId;
import dev.pizza.errors.InvalidRepositoryUrlException;
import dev.pizza.errors.RepositoryNotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bakeAll: bounded parallelism, one outcome per URL in order, failures do not stop the rest. */
class BakeAllTest {
  @TempDir Path tmp;

  /** A thread-safe sink that also measures how many bakes ran at once. */
  private static final class ConcurrentSink implements CommitSink {
    private final RecordingSink inner = new RecordingSink();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final Set<RepositoryId> baked = ConcurrentHashMap.newKeySet();

    @Override
    public synchronized Checkpoint checkpoint(RepositoryId r) {
      return inner.checkpoint(r);
    }

    @Override
    public void begin(RepositoryId r, Checkpoint from) throws InterruptedException {
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      Thread.sleep(50); // let overlapping bakes overlap visibly
    }

    @Override
    public synchronized void accept(RepositoryId r, List<CommitRecord> commits) {
      inner.accept(r, commits);
    }

    @Override
    public synchronized void saveCheckpoint(RepositoryId r, Checkpoint c) {
      inner.saveCheckpoint(r, c);
      baked.add(r);
      running.decrementAndGet();
    }

    @Override
    public void abort(RepositoryId r, Throwable cause) {
      running.decrementAndGet();
    }

    synchronized List<CommitId> delivered() {
      return inner.deliveredIdList();
    }
  }

  @Test
  void bakeAll_failuresDoNotStopOthers_outcomesInOrder_parallelismBounded() throws Exception {
    Path served = tmp.resolve("served");
    RemoteFixture a = new RemoteFixture(served);
    a.grow(4);
    int total = 4;
    long date = 1_600_000_000L;
    for (String name : List.of("b.git", "c.git", "d.git")) {
      try (TestRepository r = TestRepository.createBare(served.resolve(name))) {
        ObjectIdChain.line(r, 3, date += 1000);
        total += 3;
      }
    }
    ConcurrentSink sink = new ConcurrentSink();
    try (GitDaemonServer server = new GitDaemonServer(served);
        PizzaOven oven =
            PizzaOven.builder()
                .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
                .parallelism(2)
                .build()) {
      List<String> urls =
          List.of(
              server.url("origin.git"),
              server.url("missing"),
              "not a url at all",
              server.url("b.git"),
              server.url("c.git"),
              server.url("d.git"),
              server.url("origin"));
      List<BakeOutcome> out = oven.bakeAll(urls, sink);

      assertThat(out).hasSize(urls.size());
      assertThat(out.get(0)).isInstanceOf(BakeOutcome.Baked.class);
      assertThat(((BakeOutcome.Failed) out.get(1)).error())
          .isInstanceOf(RepositoryNotFoundException.class);
      assertThat(((BakeOutcome.Failed) out.get(2)).error())
          .isInstanceOf(InvalidRepositoryUrlException.class);
      for (int i : new int[] {3, 4, 5, 6}) {
        assertThat(out.get(i)).as("outcome %d", i).isInstanceOf(BakeOutcome.Baked.class);
      }
      // The same repository listed twice: baked one after the other, the second finds nothing new.
      assertThat(
              ((BakeOutcome.Baked) out.get(6)).result().newCommits()
                  + ((BakeOutcome.Baked) out.get(0)).result().newCommits())
          .isEqualTo(4);
      assertThat(sink.delivered()).hasSize(total).doesNotHaveDuplicates();
      assertThat(sink.maxRunning.get()).isBetween(1, 2);
      a.close();
    }
  }
}
