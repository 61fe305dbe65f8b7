package dev.pizza.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Waits, bounded, for a directory another pizza process has locked: tries again and again, says
 * once after a few seconds that it is waiting (and for what), and gives up after the limit. Two
 * bakes on one cache or data directory thus run one after the other instead of the second failing.
 */
final class LockWait {
  /** How long to wait quietly before saying so. */
  static final Duration NOTICE_AFTER = Duration.ofSeconds(2);

  private static final long POLL_MILLIS = 200;

  /** One try at the lock. */
  @FunctionalInterface
  interface Attempt<T> {
    /** Returns the held lock, or null if another holder has it now. */
    @Nullable T tryOnce() throws IOException;
  }

  private LockWait() {}

  /**
   * Returns what {@code attempt} returns first that is not null.
   *
   * @param what what is locked, for the messages ("the repository cache /x")
   * @param limit how long to wait in all
   * @param err where to say that it is waiting
   * @throws IOException if the attempt fails, or the lock is still held after {@code limit}; also
   *     when interrupted
   */
  static <T> T await(String what, Duration limit, PrintStream err, Attempt<T> attempt)
      throws IOException {
    long start = System.nanoTime();
    boolean told = false;
    while (true) {
      T held = attempt.tryOnce();
      if (held != null) {
        return held;
      }
      long waited = System.nanoTime() - start;
      if (waited >= limit.toNanos()) {
        throw new IOException(
            what
                + " is still in use by another pizza after "
                + Text.duration(limit)
                + " (see --lock-wait)");
      }
      if (!told && waited >= NOTICE_AFTER.toNanos()) {
        err.println(
            "pizza: waiting for another pizza to finish with "
                + what
                + " (up to "
                + Text.duration(limit)
                + ")");
        err.flush();
        told = true;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + what, e);
      }
    }
  }
}
