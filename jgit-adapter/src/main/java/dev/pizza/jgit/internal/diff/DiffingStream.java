package dev.pizza.jgit.internal.diff;

import dev.pizza.CommitRecord;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ObjectSources;
import dev.pizza.spi.CommitStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A commit stream whose records carry their file changes, diffed ahead on worker threads while the
 * caller consumes earlier ones, and returned in the inner stream's order. Each worker has its own
 * {@link ObjectSource} and {@link CommitDiffer} (neither is thread safe) and takes runs of {@link
 * #RUN} consecutive commits as one task, so a blob read for one commit is usually still in that
 * worker's cache when the next commit reads it again, and handing work over costs little per
 * commit. At most {@link #RUNS_IN_FLIGHT} runs are queued or diffed, and one is handed out, which
 * bounds the memory. With no worker threads the diff runs on the caller's thread.
 */
final class DiffingStream implements CommitStream {
  static final int RUN = 32;
  static final int RUNS_IN_FLIGHT = 4;

  private final CommitStream inner;
  private final List<ObjectSource> sources = new ArrayList<>();
  private final List<CommitDiffer> differs = new ArrayList<>();
  private final List<ExecutorService> workers = new ArrayList<>();
  private final ArrayDeque<Future<List<CommitRecord>>> window = new ArrayDeque<>();
  private final ArrayDeque<CommitRecord> ready = new ArrayDeque<>();
  private long runs;
  private boolean exhausted;

  /**
   * Wraps {@code inner}, diffing on {@code workers} threads (0: on the caller's), each with a
   * source opened with {@code opener}.
   */
  DiffingStream(CommitStream inner, ObjectSources.Opener opener, DiffOptions options, int workers)
      throws IOException {
    this.inner = inner;
    try {
      for (int i = 0; i < Math.max(1, workers); i++) {
        ObjectSource objects = opener.open();
        sources.add(objects);
        differs.add(new CommitDiffer(objects, options));
      }
      if (workers > 0) {
        for (int i = 0; i < workers; i++) {
          String name = "pizza-diff-" + i;
          this.workers.add(
              Executors.newSingleThreadExecutor(
                  r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                  }));
        }
      }
    } catch (IOException | RuntimeException e) {
      release();
      throw e;
    }
  }

  @Override
  public @Nullable CommitRecord next() throws IOException {
    if (workers.isEmpty()) {
      CommitRecord r = inner.next();
      return r == null ? null : r.withFiles(differs.get(0).files(r));
    }
    if (ready.isEmpty()) {
      fill();
      Future<List<CommitRecord>> head = window.poll();
      if (head == null) {
        return null;
      }
      ready.addAll(await(head));
      fill(); // the workers go on while the caller takes this run
    }
    return ready.poll();
  }

  /**
   * Passes over commits without diffing them: on the inner stream while nothing was read ahead (a
   * resumed bake skips before its first {@link #next()}), otherwise one record at a time.
   */
  @Override
  public long skip(long n) throws IOException {
    if (ready.isEmpty() && window.isEmpty() && !exhausted) {
      return inner.skip(n);
    }
    return CommitStream.super.skip(n);
  }

  /** Reads runs from the inner stream and hands them to the workers, up to the window. */
  private void fill() throws IOException {
    while (!exhausted && window.size() < RUNS_IN_FLIGHT) {
      List<CommitRecord> run = new ArrayList<>(RUN);
      while (run.size() < RUN) {
        CommitRecord r = inner.next();
        if (r == null) {
          exhausted = true;
          break;
        }
        run.add(r);
      }
      if (run.isEmpty()) {
        return;
      }
      int w = (int) (runs++ % workers.size());
      CommitDiffer differ = differs.get(w);
      window.add(workers.get(w).submit(() -> diff(differ, run)));
    }
  }

  private static List<CommitRecord> await(Future<List<CommitRecord>> run) throws IOException {
    try {
      return run.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted while diffing");
      io.initCause(e);
      throw io;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    }
  }

  private static List<CommitRecord> diff(CommitDiffer differ, List<CommitRecord> run) {
    List<CommitRecord> out = new ArrayList<>(run.size());
    try {
      for (CommitRecord r : run) {
        out.add(r.withFiles(differ.files(r)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public void close() {
    try {
      inner.close();
    } finally {
      release();
    }
  }

  /** Stops the workers and closes the sources; not the inner stream. */
  private void release() {
    ready.clear();
    for (Future<List<CommitRecord>> f : window) {
      f.cancel(false);
    }
    window.clear();
    for (ExecutorService w : workers) {
      w.shutdown();
    }
    boolean stopped = true;
    for (ExecutorService w : workers) {
      try {
        stopped &= w.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = false;
      }
    }
    if (stopped) {
      // A worker still reading would fail on a closed source: leave those to the collector.
      for (ObjectSource s : sources) {
        s.close();
      }
    }
  }
}
