package dev.pizza.jdbc;

/** Waiting for the sink's own threads. */
final class Threads {
  private Threads() {}

  /**
   * Waits until {@code thread} has ended, even if the caller is interrupted meanwhile (a close must
   * not return while its thread still touches the database), and then restores the caller's
   * interrupt status.
   */
  static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
