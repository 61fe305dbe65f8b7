package dev.pizza.jdbc;

import java.sql.SQLException;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Runs the statements of one bake on a writer thread of their own, in the order they were
 * submitted, so that the database writes of one batch overlap the walk that produces the next.
 *
 * <p>At most {@link #CAPACITY} tasks wait (plus the one running): {@link #submit} blocks while the
 * queue is full, which bounds the memory the batches in flight hold. The first task that fails
 * stops the thread and drops what is queued; its exception is then thrown by every later {@link
 * #submit} and {@link #drain}. {@link #close} drops what is queued, waits for the running task and
 * ends the thread. The thread is a daemon: what it has not committed when the JVM ends is rolled
 * back by the database, as any open transaction.
 */
final class WriteBehind {
  /** The name of every writer thread starts with this. */
  static final String THREAD_NAME = "pizza-jdbc-writer";

  /** How many tasks may wait for the writer thread. */
  static final int CAPACITY = 3;

  /** Statements to run on the bake's connection. */
  @FunctionalInterface
  interface Task {
    void run() throws Exception;
  }

  private final ArrayDeque<Task> queue = new ArrayDeque<>(CAPACITY);
  private final Thread thread;
  private boolean running;
  private boolean closed;
  private @Nullable Throwable failure;

  private WriteBehind(String name) {
    thread = new Thread(this::loop, THREAD_NAME + " " + name);
    thread.setDaemon(true);
  }

  /** Starts a writer thread named after {@code name} (the repository it writes for). */
  static WriteBehind start(String name) {
    WriteBehind w = new WriteBehind(name);
    w.thread.start();
    return w;
  }

  /** Queues {@code task}, waiting while the queue is full; throws a failed task's exception. */
  synchronized void submit(Task task) throws Exception {
    while (failure == null && !closed && queue.size() >= CAPACITY) {
      wait();
    }
    rethrowFailure();
    if (closed) {
      throw new IllegalStateException("the writer thread of this bake has stopped");
    }
    queue.add(task);
    notifyAll();
  }

  /** Waits until every queued task has run; throws a failed task's exception. */
  synchronized void drain() throws Exception {
    while (failure == null && !closed && (running || !queue.isEmpty())) {
      wait();
    }
    rethrowFailure();
  }

  /**
   * Drops the queued tasks, waits for the running one to finish and ends the thread. Does not throw
   * and does not give up when interrupted (the caller's interrupt is kept): the bake's connection
   * must not be used by two threads.
   */
  void close() {
    synchronized (this) {
      closed = true;
      queue.clear();
      notifyAll();
    }
    Threads.joinUninterruptibly(thread);
  }

  private void loop() {
    while (true) {
      Task task;
      synchronized (this) {
        while (queue.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            // Nobody interrupts this thread; close() is the way to stop it.
          }
        }
        if (closed) {
          return;
        }
        task = queue.remove();
        running = true;
        notifyAll();
      }
      Throwable failed = null;
      try {
        task.run();
      } catch (Throwable t) {
        failed = t;
      }
      synchronized (this) {
        running = false;
        if (failed != null) {
          failure = failed;
          queue.clear();
        }
        notifyAll();
        if (failed != null) {
          return;
        }
      }
    }
  }

  /**
   * Throws the failed task's exception on the calling thread: an {@link SQLException} as a new one
   * with the same message and state whose cause is the original (so both threads' stacks show),
   * anything else as it was.
   */
  private void rethrowFailure() throws Exception {
    Throwable f = failure;
    if (f == null) {
      return;
    }
    if (f instanceof SQLException s) {
      throw new SQLException(s.getMessage(), s.getSQLState(), s.getErrorCode(), s);
    }
    if (f instanceof Exception e) {
      throw e;
    }
    if (f instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(f);
  }
}
