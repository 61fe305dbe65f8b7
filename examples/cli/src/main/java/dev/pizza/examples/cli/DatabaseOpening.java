package dev.pizza.examples.cli;

import dev.pizza.jdbc.PizzaDatabase;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * A database being opened ({@link DatabaseOptions#open}) on a thread of its own while the caller
 * does the rest of its start-up. A bake's start is one thread's work with the second core idle:
 * opening the database (SQLite's native library, the pool's first connection, the schema check) and
 * setting JGit up (its config, its text bundle, the transfer settings) each take a few hundredths
 * of a second, and they need nothing of each other. Every opening ends in {@link #get()} or {@link
 * #discard()}.
 */
final class DatabaseOpening {
  private final FutureTask<PizzaDatabase> task;

  private DatabaseOpening(FutureTask<PizzaDatabase> task) {
    this.task = task;
  }

  /** Starts opening the database {@code options} name. */
  static DatabaseOpening start(DatabaseOptions options, Directories directories) {
    FutureTask<PizzaDatabase> task = new FutureTask<>(() -> options.open(directories));
    Thread opener = new Thread(task, "pizza-open-database");
    opener.setDaemon(true);
    opener.start();
    return new DatabaseOpening(task);
  }

  /**
   * Waits for the database and returns it, open.
   *
   * @throws IOException saying why it cannot be opened, as {@link DatabaseOptions#open} does
   */
  PizzaDatabase get() throws IOException {
    try {
      return await();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      } else if (cause instanceof RuntimeException r) {
        throw r;
      } else if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException(String.valueOf(cause), cause);
    }
  }

  /**
   * Waits for the opening to end and closes the database if it opened, for a caller that failed
   * meanwhile; returns the database closed, or null if none opened.
   */
  @Nullable PizzaDatabase discard() {
    PizzaDatabase db;
    try {
      db = await();
    } catch (ExecutionException e) {
      return null;
    }
    db.close();
    return db;
  }

  /** Waits for the task; an interrupt is kept for later, as the opening is short and bounded. */
  private PizzaDatabase await() throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
