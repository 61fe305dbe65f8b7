package dev.pizza.examples.cli;

import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.util.SystemReader;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteJDBCLoader;

/**
 * The start-up work of a bake that needs none of its options, begun on a thread of its own while
 * picocli builds the command's model and parses the arguments, a tenth of a second in which the
 * second core has nothing to do: JGit's message bundle, git's system and user config (which the
 * transfer settings read), the SQLite driver's date formats (it formats with the locale's data when
 * it configures a connection) and its native library. Each is what the bake does next anyway and
 * keeps (JGit and the driver cache all of it), so nothing is done twice; and the bake {@linkplain
 * #await waits} for it before it touches any of it, so no two threads share JGit's config objects.
 * A failure here is ignored: the bake meets it again where it does the same work, and reports it
 * there.
 */
final class EarlyStart {
  private static volatile @Nullable Thread thread;

  private EarlyStart() {}

  /**
   * Begins the work for {@code args} when they name a bake; call once the settings it reads are in
   * place ({@link SystemGitConfig}, {@link SqliteNativeLibrary}, JGit's home directory).
   */
  static void begin(String[] args) {
    if (args.length == 0 || !args[0].equals("bake")) {
      return;
    }
    Thread t = new Thread(EarlyStart::run, "pizza-early-start");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /** Waits for the work {@link #begin} began, if any. */
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
  }

  private static void run() {
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
