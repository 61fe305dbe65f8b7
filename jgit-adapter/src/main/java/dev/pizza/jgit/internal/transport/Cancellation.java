package dev.pizza.jgit.internal.transport;

import dev.pizza.ProgressListener;
import dev.pizza.errors.BakeCancelledException;

/** The one test of "the caller wants this transfer stopped", and the failure that says so. */
final class Cancellation {
  private Cancellation() {}

  /** Returns whether the caller cancelled through {@code listener} or interrupted this thread. */
  static boolean requested(ProgressListener listener) {
    return listener.isCancelled() || Thread.currentThread().isInterrupted();
  }

  /** The failure of a transfer of {@code repository} that was cancelled. */
  static BakeCancelledException failure(Object repository) {
    return new BakeCancelledException("the transfer of " + repository + " was cancelled");
  }
}
