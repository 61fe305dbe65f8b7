package dev.pizza.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the committed pages of a SQLite database's WAL into the database on a thread of its own,
 * every {@code period}, with {@code PRAGMA wal_checkpoint(PASSIVE)}, which waits for no reader or
 * writer. A bake's commit then no longer copies the WAL and syncs the database file itself (what
 * {@code wal_autocheckpoint} does on the committing thread): the bake goes on writing while the
 * pages it committed are copied.
 *
 * <p>The thread holds a connection of its own, outside the pool. {@link #close} ends it (after the
 * checkpoint that runs, if any); a checkpoint that fails is logged and tried again next period.
 */
final class WalCheckpointer implements AutoCloseable {
  /** The name of the thread. */
  static final String THREAD_NAME = "pizza-sqlite-checkpointer";

  private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

  private final DataSource dataSource;
  private final long periodNanos;
  private final Thread thread;
  private boolean closed;

  private WalCheckpointer(DataSource dataSource, Duration period) {
    this.dataSource = dataSource;
    this.periodNanos = period.toNanos();
    this.thread = new Thread(this::loop, THREAD_NAME);
    thread.setDaemon(true);
  }

  /** Starts checkpointing the database behind {@code dataSource} every {@code period}. */
  static WalCheckpointer start(DataSource dataSource, Duration period) {
    WalCheckpointer w = new WalCheckpointer(dataSource, period);
    w.thread.start();
    return w;
  }

  private void loop() {
    Connection c = null;
    try {
      while (waitPeriod()) {
        try {
          if (c == null) {
            c = dataSource.getConnection();
          }
          try (Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
          }
        } catch (SQLException e) {
          log.warn("background WAL checkpoint failed; trying again", e);
          c = closeQuietly(c);
        }
      }
    } finally {
      closeQuietly(c);
    }
  }

  /** Waits one period; returns false once {@link #close} was called. */
  private synchronized boolean waitPeriod() {
    long end = System.nanoTime() + periodNanos;
    for (long left = periodNanos; !closed && left > 0; left = end - System.nanoTime()) {
      try {
        wait(left / 1_000_000, (int) (left % 1_000_000));
      } catch (InterruptedException e) {
        // Nobody interrupts this thread; close() is the way to stop it.
      }
    }
    return !closed;
  }

  private static @Nullable Connection closeQuietly(@Nullable Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        log.warn("closing the checkpoint connection failed", e);
      }
    }
    return null;
  }

  /** Ends the thread after the checkpoint that runs, if any; keeps the caller's interrupt. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
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
