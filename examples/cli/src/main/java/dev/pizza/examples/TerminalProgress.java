package dev.pizza.examples;

import dev.pizza.ProgressListener;
import dev.pizza.RepositoryId;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A {@link ProgressListener} that redraws one status line on a terminal's standard error: the
 * transfer step with its percentage, then the number of commits read. Redraws at most ten times a
 * second. Only for a terminal: it writes carriage returns.
 */
final class TerminalProgress implements ProgressListener {
  private static final long INTERVAL_NANOS = 100_000_000L;

  private final PrintStream err;
  private long lastDraw = System.nanoTime();
  private int width;

  TerminalProgress(PrintStream err) {
    this.err = err;
  }

  @Override
  public void transfer(RepositoryId repository, String task, long done, long total) {
    String amount =
        total > 0
            ? String.format(Locale.ROOT, "%d%% (%d/%d)", done * 100 / total, done, total)
            : Long.toString(done);
    draw(repository + ": " + task + " " + amount);
  }

  @Override
  public void walked(RepositoryId repository, long commits) {
    draw(repository + ": " + commits + " commits read");
  }

  /** Erases the status line, if one was drawn. */
  void clear() {
    if (width > 0) {
      err.print("\r" + " ".repeat(width) + "\r");
      err.flush();
      width = 0;
    }
  }

  private void draw(String line) {
    long now = System.nanoTime();
    if (now - lastDraw < INTERVAL_NANOS) {
      return;
    }
    lastDraw = now;
    String padded = line.length() < width ? line + " ".repeat(width - line.length()) : line;
    err.print("\r" + padded);
    err.flush();
    width = padded.length();
  }
}
