package dev.pizza.examples.cli;

import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.util.SystemReader;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteJDBCLoader;

/**
 * The start-up work of a bake that needs none of its options, done on a thread of its own while
 * picocli builds the command's model and parses the arguments, a tenth of a second in which the
 * second core has little to do: the JVM-wide settings of JGit and the SQLite driver (see {@link
 * PizzaCli#main}; JGit's static set-up alone spins up the method handles of its string
 * concatenation), then JGit's message bundle, git's system and user config (which the transfer
 * settings read), the SQLite driver's date formats (it formats with the locale's data when it
 * configures a connection) and its native library. Each is what the bake does next anyway and keeps
 * (JGit and the driver cache all of it), so nothing is done twice; and the bake {@linkplain #await
 * waits} for it before it touches JGit or SQLite, so no two threads share their state. A failure of
 * the settings is thrown where the bake waits; one of the rest is ignored, as the bake meets it
 * again where it does the same work, and reports it there.
 */
final class EarlyStart {
  private static volatile @Nullable Thread thread;
  private static volatile @Nullable Throwable failure;

  private EarlyStart() {}

  /**
   * Runs {@code settings}, the JVM-wide set-up every command needs before it uses JGit or SQLite:
   * for a bake on a thread of its own, followed by the rest of the work; for other commands here.
   */
  static void begin(String[] args, Runnable settings) {
    if (args.length == 0 || !args[0].equals("bake")) {
      settings.run();
      return;
    }
    Thread t = new Thread(() -> run(settings), "pizza-early-start");
    t.setDaemon(true);
    failure = null;
    thread = t;
    t.start();
  }

  /**
   * Waits for the work {@link #begin} began, if any, and throws what the settings threw.
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
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable f = failure;
    failure = null;
    if (f instanceof RuntimeException r) {
      throw r;
    } else if (f instanceof Error e) {
      throw e;
    }
  }

  private static void run(Runnable settings) {
    try {
      settings.run();
    } catch (RuntimeException | Error e) {
      failure = e;
      return;
    }
    try {
      JGitText.get();
      SystemReader.getInstance().getUserConfig();
      new SQLiteConfig();
      SQLiteJDBCLoader.initialize();
    } catch (Exception | LinkageError e) {
      // Done again, and reported, where the bake needs it.
    }
  }
}
