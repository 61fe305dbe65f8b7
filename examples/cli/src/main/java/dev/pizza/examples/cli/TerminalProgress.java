package dev.pizza.examples.cli;

import dev.pizza.ProgressListener;
import dev.pizza.RepositoryId;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A {@link ProgressListener} that redraws one status line on a terminal's standard error: during a
 * clone or fetch the transfer step with its percentage and the bytes received so far, during the
 * walk the number of commits read. Redraws at most ten times a second. Only for a terminal: it
 * writes carriage returns, so the CLI uses it only when the JVM has a console.
 */
final class TerminalProgress implements ProgressListener {
  /** The task name under which the jgit-adapter reports bytes received. */
  static final String BYTES_TASK = "Receiving bytes";

  private static final long INTERVAL_NANOS = 100_000_000L;

  private final PrintStream err;
  private final LongSupplier clock;
  private long lastDraw;
  private int width;
  private String task = "";
  private long done;
  private long total;
  private long bytes = -1;

  TerminalProgress(PrintStream err) {
    this(err, System::nanoTime);
  }

  TerminalProgress(PrintStream err, LongSupplier clock) {
    this.err = err;
    this.clock = clock;
    this.lastDraw = clock.getAsLong() - INTERVAL_NANOS;
  }

  @Override
  public synchronized void transfer(RepositoryId repository, String task, long done, long total) {
    if (task.equals(BYTES_TASK)) {
      bytes = done;
    } else {
      this.task = task;
      this.done = done;
      this.total = total;
    }
    StringBuilder line = new StringBuilder(Echo.escape(repository.url())).append(": ");
    if (!this.task.isEmpty()) {
      line.append(Echo.escape(this.task)).append(' ');
      line.append(
          this.total > 0
              ? String.format(
                  Locale.ROOT, "%d%% (%d/%d)", this.done * 100 / this.total, this.done, this.total)
              : Long.toString(this.done));
    }
    if (bytes >= 0) {
      line.append(this.task.isEmpty() ? "" : ", ").append(Text.bytes(bytes)).append(" received");
    }
    draw(line.toString());
  }

  @Override
  public synchronized void walked(RepositoryId repository, long commits) {
    draw(Echo.escape(repository.url()) + ": " + commits + " commits read");
  }

  /** Erases the status line, if one was drawn, and forgets the transfer's state. */
  synchronized void clear() {
    if (width > 0) {
      err.print("\r" + " ".repeat(width) + "\r");
      err.flush();
      width = 0;
    }
    task = "";
    bytes = -1;
  }

  private void draw(String line) {
    long now = clock.getAsLong();
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
