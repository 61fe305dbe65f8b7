package dev.pizza.jgit.internal.transport;

import dev.pizza.ProgressListener;
import dev.pizza.RepositoryUrl;
import dev.pizza.errors.BakeCancelledException;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.TransferTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one transfer on its own thread and gives up on it when the server has been silent too long
 * or the caller cancels.
 *
 * <p>Why: JGit bounds a {@code git://} read by interrupting the reading thread, and since JDK 13 a
 * blocking socket read ignores interrupts, so a server that accepts and never answers would hang
 * the bake forever; and a cancelled bake should not wait for a slow server. The transfer's thread
 * reports activity through {@link Activity}; when there has been none for the idle limit, or the
 * caller cancels (its {@link ProgressListener} or an interrupt), the caller gets the typed failure
 * at once. While it waits it also reports the bytes received so far ({@link ReceivedBytes}). The
 * abandoned thread is interrupted and left to die when its socket closes; it works on a directory
 * the caller then deletes (a clone) or invalidates (a fetch).
 */
final class TransferWatchdog {
  private static final Logger log = LoggerFactory.getLogger(TransferWatchdog.class);
  private static final long POLL_MILLIS = 50;
  private static final long MEASURE_NANOS = 250_000_000L;

  /** Activity of a transfer, touched from the transfer's thread. */
  static final class Activity {
    private volatile long last = System.nanoTime();

    void touch() {
      last = System.nanoTime();
    }

    long idleNanos() {
      return System.nanoTime() - last;
    }
  }

  /** The work of a transfer. */
  @FunctionalInterface
  interface Transfer<T> {
    T run() throws PizzaException;
  }

  private TransferWatchdog() {}

  /**
   * Runs {@code work} and returns its result or rethrows its failure.
   *
   * @throws TransferTimeoutException when {@code activity} saw nothing for {@code idleLimit}
   * @throws BakeCancelledException when the caller cancelled; the interrupt flag is kept
   */
  static <T> T run(
      RepositoryUrl url,
      Transfer<T> work,
      Activity activity,
      Duration idleLimit,
      ProgressListener progress,
      @Nullable ReceivedBytes received)
      throws PizzaException {
    FutureTask<Object> task =
        new FutureTask<>(
            () -> {
              try {
                return work.run();
              } catch (PizzaException e) {
                return new Failure(e);
              }
            });
    Thread worker = new Thread(task, "pizza-transfer-" + url.id().key().substring(0, 8));
    worker.setDaemon(true);
    activity.touch();
    worker.start();
    long limit = idleLimit.toNanos();
    long nextMeasure = System.nanoTime();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          Object result = task.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
          if (result instanceof Failure f) {
            throw f.exception;
          }
          if (received != null) {
            received.finish();
          }
          @SuppressWarnings("unchecked")
          T t = (T) result;
          return t;
        } catch (TimeoutException e) {
          // still running: check below
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException | CancellationException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException("transfer of " + url + " failed", cause);
        }
        if (received != null && System.nanoTime() - nextMeasure >= 0) {
          nextMeasure = System.nanoTime() + MEASURE_NANOS;
          if (received.poll()) {
            activity.touch();
          }
        }
        if (interrupted || Cancellation.requested(progress)) {
          abandon(worker, url, "cancelled");
          throw Cancellation.failure(url);
        }
        if (activity.idleNanos() > limit) {
          abandon(worker, url, "silent for " + idleLimit.toSeconds() + " s");
          throw new TransferTimeoutException(
              "timed out talking to " + url + " (no answer for " + idleLimit.toSeconds() + " s)");
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void abandon(Thread worker, RepositoryUrl url, String why) {
    log.warn("{}: giving up on the transfer ({})", url, why);
    worker.interrupt();
  }

  private record Failure(PizzaException exception) {}
}
