package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.BakeResult;
import dev.pizza.Checkpoint;
import dev.pizza.CommitRecord;
import dev.pizza.CommitSink;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryId;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bakes of one repository through one oven never overlap: the second starts from the first's
 * checkpoint.
 */
class ConcurrentBakeTest {
  @TempDir Path tmp;

  @Test
  void sameRepository_bakedFromTwoThreads_runsOneAfterTheOther() throws Exception {
    try (TestRepository repo = TestRepository.createBare(tmp.resolve("origin.git"))) {
      ObjectId c = repo.commit(1);
      for (int i = 2; i <= 20; i++) {
        c = repo.commit(i, c);
      }
      repo.branch("main", c);

      CountDownLatch firstInside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicInteger checkpointReads = new AtomicInteger();
      AtomicInteger delivered = new AtomicInteger();
      AtomicReference<Checkpoint> saved = new AtomicReference<>(Checkpoint.empty());
      CommitSink sink =
          new CommitSink() {
            @Override
            public Checkpoint checkpoint(RepositoryId r) {
              checkpointReads.incrementAndGet();
              return saved.get();
            }

            @Override
            public void accept(RepositoryId r, List<CommitRecord> commits) throws Exception {
              delivered.addAndGet(commits.size());
              firstInside.countDown();
              assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            }

            @Override
            public void saveCheckpoint(RepositoryId r, Checkpoint cp) {
              saved.set(cp);
            }
          };
      String url = tmp.resolve("origin.git").toString();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try (PizzaOven oven =
          PizzaOven.builder()
              .backend(JGitBackend.builder().build())
              .allowLocalRepositories(true)
              .build()) {
        Future<BakeResult> first = pool.submit(() -> oven.bake(url, sink));
        assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();
        Future<BakeResult> second = pool.submit(() -> oven.bake(url, sink));
        Thread.sleep(300); // give the second bake every chance to start, were it not held back
        assertThat(checkpointReads.get()).as("the second bake has not started").isEqualTo(1);
        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS).newCommits()).isEqualTo(20);
        BakeResult after = second.get(30, TimeUnit.SECONDS);
        assertThat(after.oldCheckpoint()).isEqualTo(saved.get());
        assertThat(after.newCommits()).isZero();
        assertThat(delivered.get()).as("each commit delivered once").isEqualTo(20);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
