package dev.pizza.jdbc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Writes a SQLite database's files to disk on a thread of its own, so that the syncs SQLite waits
 * for at the end of a bake find little left to write.
 *
 * <p>A first bake into SQLite ends with two copies of the whole new database, with nothing else for
 * the process to do: its commit writes every page into the WAL, and the checkpoint as the database
 * closes syncs the WAL, copies its pages into the database file and syncs that. For a 100k-commit
 * bake with line statistics (a 100 MB database) each sync waited 45 to 65 ms for the disk while no
 * thread of the process ran. The sink therefore starts one sync of the WAL as a large commit
 * returns ({@link #syncSoon}), which writes while the caller reads its summary, and {@link
 * PizzaDatabase} syncs the WAL and the database file over and over while its pool closes ({@link
 * #start}), so the disk writes the copied pages while SQLite still copies. Not during the commit
 * itself: its frames share file pages with their neighbours, and a page being written to disk made
 * the commit wait (about 40 ms more).
 *
 * <p>A sync is always safe: it changes when data reaches the disk, never what. A file that does not
 * exist (yet, or any more) is skipped. But closing a descriptor of a file drops every POSIX lock
 * the process holds on it, SQLite's included (its locks on the database file while it checkpoints
 * into it, or any transaction's): so {@link #start}'s thread opens each file once and closes it
 * only when {@link #close}d, after SQLite's connections; {@link #syncSoon} opens and closes, for
 * the WAL only, on which SQLite takes no locks.
 */
final class SqliteWriteBack implements AutoCloseable {
  /** The name of the threads that sync. */
  static final String THREAD_NAME = "pizza-sqlite-writeback";

  /** The pause between two rounds of syncs of {@link #start}. */
  static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final List<Path> files;
  private final Thread thread;
  private volatile boolean stopped;

  private SqliteWriteBack(List<Path> files) {
    this.files = List.copyOf(files);
    this.thread = new Thread(this::loop, THREAD_NAME);
    thread.setDaemon(true);
  }

  /**
   * Starts syncing {@code files} over and over until {@link #close}, which must come after the
   * connections of this process to them are closed (it closes the thread's descriptors).
   */
  static SqliteWriteBack start(List<Path> files) {
    SqliteWriteBack w = new SqliteWriteBack(files);
    w.thread.start();
    return w;
  }

  /**
   * Starts one sync of {@code file} on a thread of its own and returns at once; the thread ends
   * after that sync. Only for a file SQLite takes no locks on (a WAL): see the class comment.
   */
  static void syncSoon(Path file) {
    Thread t = new Thread(() -> sync(file), THREAD_NAME);
    t.setDaemon(true);
    t.start();
  }

  /**
   * Returns the file of the main database of SQLite connection {@code c}, or null for a database
   * without one (in memory, temporary).
   */
  static @Nullable Path databaseFile(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA database_list")) {
      while (rs.next()) {
        if ("main".equals(rs.getString(2))) {
          String file = rs.getString(3);
          return file == null || file.isEmpty() ? null : Path.of(file);
        }
      }
      return null;
    }
  }

  /** Returns the WAL of the database in {@code databaseFile}. */
  static Path wal(Path databaseFile) {
    return databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
  }

  private void loop() {
    FileChannel[] open = new FileChannel[files.size()];
    try {
      while (!stopped) {
        for (int i = 0; i < open.length; i++) {
          if (open[i] == null) {
            open[i] = openOrNull(files.get(i));
          }
          if (open[i] != null) {
            force(open[i]);
          }
        }
        LockSupport.parkNanos(PAUSE_NANOS);
      }
    } finally {
      for (FileChannel ch : open) {
        if (ch != null) {
          try {
            ch.close();
          } catch (IOException e) {
            // nothing was written through it
          }
        }
      }
    }
  }

  /** Syncs {@code file}'s data to disk, if it exists; closes it after (see the class comment). */
  static void sync(Path file) {
    try (FileChannel ch = openOrNull(file)) {
      if (ch != null) {
        force(ch);
      }
    } catch (IOException e) {
      // as a failed sync
    }
  }

  /** Opens {@code file} for syncing, or returns null when it does not exist or cannot be opened. */
  private static @Nullable FileChannel openOrNull(Path file) {
    try {
      // Opened for writing, which some systems need to flush a file; nothing is written.
      return FileChannel.open(file, StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void force(FileChannel ch) {
    try {
      ch.force(false);
    } catch (IOException | RuntimeException e) {
      // Nothing to write to disk, or it cannot be: SQLite syncs what it needs itself.
    }
  }

  /** Returns whether the thread still runs (until {@link #close} returns). */
  boolean running() {
    return thread.isAlive();
  }

  /** Stops syncing and waits for the thread's last sync to end. */
  @Override
  public void close() {
    stopped = true;
    Threads.joinUninterruptibly(thread);
  }
}
