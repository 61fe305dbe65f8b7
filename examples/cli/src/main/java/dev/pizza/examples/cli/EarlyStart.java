package dev.pizza.examples.cli;

import java.util.concurrent.CountDownLatch;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.util.SystemReader;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteJDBCLoader;

/**
 * The start-up work of a bake that needs none of its options, done on a thread of its own while
 * picocli builds the command's model and parses the arguments, a tenth of a second in which the
 * second core has little to do: the JVM-wide settings of the SQLite driver and of JGit (see {@link
 * PizzaCli#main}; JGit's static set-up alone spins up the method handles of its string
 * concatenation), the SQLite driver's date formats (it formats with the locale's data when it
 * configures a connection) and its native library, then JGit's message bundle and git's system and
 * user config (which the transfer settings read). Each is what the bake does next anyway and keeps
 * (JGit and the driver cache all of it), so nothing is done twice.
 *
 * <p>The SQLite half comes first and is announced on its own ({@link #awaitDatabase}), so that the
 * database starts opening as soon as the arguments are parsed, while this thread still sets JGit
 * up: on jgit's history the opening (a copied template, the pool's first connection, three fsyncs)
 * took 30 to 90 ms and had waited for all of this. The bake waits for each half before it touches
 * SQLite or JGit, so no two threads share their state. A failure of the settings is thrown where
 * the bake waits for their half; one of the rest is ignored, as the bake meets it again where it
 * does the same work, and reports it there.
 */
final class EarlyStart {
  private static volatile @Nullable Thread thread;
  private static volatile @Nullable CountDownLatch database;
  private static volatile @Nullable Throwable databaseFailure;
  private static volatile @Nullable Throwable failure;

  private EarlyStart() {}

  /**
   * Runs {@code databaseSettings} then {@code settings}, the JVM-wide set-up every command needs
   * before it uses SQLite and JGit: for a bake on a thread of its own, each followed by the rest of
   * its half of the work; for other commands here.
   */
  static void begin(String[] args, Runnable databaseSettings, Runnable settings) {
    if (args.length == 0 || !args[0].equals("bake")) {
      databaseSettings.run();
      settings.run();
      return;
    }
    CountDownLatch ready = new CountDownLatch(1);
    Thread t = new Thread(() -> run(databaseSettings, ready, settings), "pizza-early-start");
    t.setDaemon(true);
    databaseFailure = null;
    failure = null;
    database = ready;
    thread = t;
    t.start();
  }

  /**
   * Waits for the SQLite half of the work {@link #begin} began, if any, and throws what its
   * settings threw.
   *
   * @throws RuntimeException what the database settings threw
   * @throws Error what the database settings threw
   */
  static void awaitDatabase() {
    CountDownLatch ready = database;
    if (ready == null) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        ready.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    database = null;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable f = databaseFailure;
    databaseFailure = null;
    rethrow(f);
  }

  /**
   * Waits for all the work {@link #begin} began, if any, and throws what the settings threw (the
   * database settings' failure only if {@link #awaitDatabase} did not throw it already).
   *
   * @throws RuntimeException what the settings threw
   * @throws Error what the settings threw
   */
  static void await() {
    Thread t = thread;
    if (t == null) {
      return;
    }
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    thread = null;
    database = null;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable f = databaseFailure != null ? databaseFailure : failure;
    databaseFailure = null;
    failure = null;
    rethrow(f);
  }

  private static void rethrow(@Nullable Throwable f) {
    if (f instanceof RuntimeException r) {
      throw r;
    } else if (f instanceof Error e) {
      throw e;
    }
  }

  private static void run(Runnable databaseSettings, CountDownLatch ready, Runnable settings) {
    try {
      try {
        databaseSettings.run();
      } catch (RuntimeException | Error e) {
        databaseFailure = e;
        return; // the bake stops where it waits for the database
      }
      try {
        new SQLiteConfig();
        SQLiteJDBCLoader.initialize();
      } catch (Exception | LinkageError e) {
        // Done again, and reported, where the bake needs it.
      }
    } finally {
      ready.countDown();
    }
    try {
      settings.run();
    } catch (RuntimeException | Error e) {
      failure = e;
      return;
    }
    try {
      JGitText.get();
      SystemReader.getInstance().getUserConfig();
    } catch (Exception | LinkageError e) {
      // Done again, and reported, where the bake needs it.
    }
  }
}
