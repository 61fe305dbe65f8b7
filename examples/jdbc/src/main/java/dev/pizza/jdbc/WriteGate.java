package dev.pizza.jdbc;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Lets one bake at a time write through a SQLite data source, so concurrent bakes of one process
 * queue here instead of spinning on SQLite's busy timeout (which still covers other processes).
 * PostgreSQL needs no gate: its bakes write rows of different repositories concurrently.
 *
 * <p>A semaphore rather than a lock: a bake may release it from another thread than the one that
 * took it.
 */
final class WriteGate {
  private static final Map<DataSource, WriteGate> SQLITE = new WeakHashMap<>();
  private static final WriteGate OPEN = new WriteGate(null);

  private final Semaphore permit;

  private WriteGate(@Nullable Semaphore permit) {
    this.permit = permit == null ? new Semaphore(Integer.MAX_VALUE) : permit;
  }

  /** Returns the gate of writers through {@code dataSource}, shared by every sink on it. */
  static WriteGate of(DataSource dataSource, SqlDialect dialect) {
    if (dialect != SqlDialect.SQLITE) {
      return OPEN;
    }
    synchronized (SQLITE) {
      return SQLITE.computeIfAbsent(dataSource, d -> new WriteGate(new Semaphore(1, true)));
    }
  }

  /** Waits for the right to write. */
  void enter() throws InterruptedException {
    permit.acquire();
  }

  /** Gives the right to write to the next waiting bake. */
  void leave() {
    permit.release();
  }
}
