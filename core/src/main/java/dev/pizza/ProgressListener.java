package dev.pizza;

import dev.pizza.errors.BakeCancelledException;

/**
 * Receives progress of long work and may cancel it. Keep it fast and thread safe: {@link #transfer}
 * and {@link #isCancelled} may be called from the thread that runs a clone or fetch, the other
 * methods from the baking thread. All methods have defaults, so an implementation overrides what it
 * needs.
 */
public interface ProgressListener {
  /** A listener that ignores everything and never cancels. */
  ProgressListener NONE = new ProgressListener() {};

  /**
   * Reports a step of a clone or fetch, as git prints it ({@code "Receiving objects"}).
   *
   * @param task the step's name
   * @param done units done so far (objects, or bytes where the task says so)
   * @param total units in all, or 0 when unknown
   */
  default void transfer(RepositoryId repository, String task, long done, long total) {}

  /** Reports that {@code commits} commits of the bake have been read so far. */
  default void walked(RepositoryId repository, long commits) {}

  /**
   * Returns whether the caller wants the work stopped; polled between steps and, during a clone or
   * fetch, several times a second. Interrupting the baking thread cancels too. A cancelled bake
   * throws {@link BakeCancelledException} and saves no checkpoint.
   */
  default boolean isCancelled() {
    return false;
  }
}
