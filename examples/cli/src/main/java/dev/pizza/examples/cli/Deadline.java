package dev.pizza.examples.cli;

import dev.pizza.ProgressListener;
import dev.pizza.RepositoryId;
import java.time.Duration;

/**
 * A {@link ProgressListener} that cancels a bake once its time is up ({@code --deadline}): the
 * library polls {@link #isCancelled} during clones and fetches and between batches of commits, and
 * a cancelled bake saves no checkpoint. Passes progress on to another listener.
 */
final class Deadline implements ProgressListener {
  private final ProgressListener next;
  private final Duration limit;
  private final long end;

  /** Starts the clock now: the bake is cancelled {@code limit} from now. */
  Deadline(Duration limit, ProgressListener next) {
    this.next = next;
    this.limit = limit;
    this.end = System.nanoTime() + limit.toNanos();
  }

  /** Returns the limit. */
  Duration limit() {
    return limit;
  }

  /** Returns whether the time is up. */
  boolean passed() {
    return System.nanoTime() - end >= 0;
  }

  @Override
  public void transfer(RepositoryId repository, String task, long done, long total) {
    next.transfer(repository, task, done, total);
  }

  @Override
  public void walked(RepositoryId repository, long commits) {
    next.walked(repository, commits);
  }

  @Override
  public boolean isCancelled() {
    return passed() || next.isCancelled();
  }
}
