package dev.pizza;

import dev.pizza.errors.BakeCancelledException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per repository, striped: bakes of one repository through one oven run one at a time (two
 * fetches into one mirror, or two deliveries from one checkpoint, would race), bakes of different
 * repositories run in parallel, and memory stays fixed however many repositories pass.
 */
final class RepositoryLocks {
  private final ReentrantLock[] stripes = new ReentrantLock[256];

  RepositoryLocks() {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /**
   * Takes the lock of {@code repository}, waiting while another bake of it runs.
   *
   * @throws BakeCancelledException if the thread is interrupted while waiting
   */
  ReentrantLock lock(RepositoryId repository) throws BakeCancelledException {
    ReentrantLock lock = stripes[Math.floorMod(repository.key().hashCode(), stripes.length)];
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BakeCancelledException(
          "interrupted while waiting for another bake of " + repository);
    }
    return lock;
  }
}
