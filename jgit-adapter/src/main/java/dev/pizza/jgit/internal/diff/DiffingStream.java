package dev.pizza.jgit.internal.diff;

import dev.pizza.CommitRecord;
import dev.pizza.jgit.internal.pack.LastRawObject;
import dev.pizza.jgit.internal.pack.MappedObjects;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ObjectSources;
import dev.pizza.spi.CommitStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A commit stream whose records carry their file changes, diffed ahead on worker threads while the
 * caller consumes earlier ones, and returned in the inner stream's order. The diff runs in two
 * stages, each on a thread of its own with an {@link ObjectSource} of its own (neither stage is
 * thread safe): {@link CommitTrees} reads commits and trees and lists each commit's changed paths,
 * then {@link CommitDiffer} reads the blobs, finds renames and counts lines. Split so, each source
 * caches one kind of object (git packs each version of a tree or file as a delta of the next, so
 * each stage reads what it read before), and the two stages use both processors while the caller
 * waits for them: with one worker doing both, the caller waited for the diff for most of a bake of
 * small commits. Work is handed over in runs of {@link #RUN} consecutive commits, so handing over
 * costs little per commit. At most {@link #RUNS_IN_FLIGHT} runs are queued or diffed, and one is
 * handed out, which bounds the memory. Without workers both stages run on the caller's thread, on
 * one source, a run at a time.
 */
final class DiffingStream implements CommitStream {
  static final int RUN = 32;
  static final int RUNS_IN_FLIGHT = 4;

  /**
   * Commits whose blobs the blob stage reads ahead at a time ({@link CommitDiffer#warm}): about 30
   * blobs of the synthetic history's commits, whose lines stay in the processor's cache while they
   * are read; 4 and 32 did no better.
   */
  static final int WARM = 8;

  /**
   * The cache bound of the tree stage's source. Against the blob stage's 32 MiB it saved 21-27 MB
   * of peak RSS (synthetic 100k commits, libgit2) at the same stage CPU (synthetic 1.20-1.35 s
   * against 1.25-1.28 s, libgit2 0.33-0.35 s against 0.32-0.34 s): hits fell from 28% to 24% of
   * tree reads and from 76% to 72% of delta bases on libgit2 (synthetic: 16% to 15%, 85% to 84%). 4
   * MiB fell to 22% and 70% on libgit2 for 4 MB less.
   */
  static final long TREE_CACHE_BYTES = 8L << 20;

  /** The cache bound of the blob stage's source, and of the one source without workers. */
  static final long BLOB_CACHE_BYTES = MappedObjects.CACHE_BYTES;

  private final CommitStream inner;
  private final List<ObjectSource> sources = new ArrayList<>();
  private final CommitTrees trees;
  private final CommitDiffer differ;
  private final List<ExecutorService> workers = new ArrayList<>();
  private final ArrayDeque<Run> window = new ArrayDeque<>();
  private final ArrayDeque<CommitRecord> ready = new ArrayDeque<>();
  private boolean exhausted;

  /**
   * Wraps {@code inner}, diffing on two worker threads ({@code threaded}) or on the caller's, with
   * sources opened with {@code opener}.
   */
  DiffingStream(
      CommitStream inner, ObjectSources.Opener opener, DiffOptions options, boolean threaded)
      throws IOException {
    this.inner = inner;
    try {
      ObjectSource treeObjects = open(opener, threaded ? TREE_CACHE_BYTES : BLOB_CACHE_BYTES);
      ObjectSource blobObjects = threaded ? open(opener, BLOB_CACHE_BYTES) : treeObjects;
      this.trees = new CommitTrees(treeObjects, options);
      this.differ = new CommitDiffer(blobObjects, options);
      if (threaded) {
        workers.add(worker("pizza-diff-trees"));
        workers.add(worker("pizza-diff-0"));
      }
    } catch (IOException | RuntimeException e) {
      release();
      throw e;
    }
  }

  private ObjectSource open(ObjectSources.Opener opener, long cacheBytes) throws IOException {
    ObjectSource s = opener.open(cacheBytes);
    sources.add(s);
    return s;
  }

  private static ExecutorService worker(String name) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  @Override
  public @Nullable CommitRecord next() throws IOException {
    if (ready.isEmpty()) {
      fill();
      Run head = window.poll();
      if (head == null) {
        return null;
      }
      ready.addAll(await(head.files()));
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

  /**
   * Reads runs from the inner stream and hands them to the workers, up to the window; without
   * workers, diffs one run on the caller's thread.
   */
  private void fill() throws IOException {
    int inFlight = workers.isEmpty() ? 1 : RUNS_IN_FLIGHT;
    while (!exhausted && window.size() < inFlight) {
      List<CommitRecord> run = new ArrayList<>(RUN);
      List<byte @Nullable []> raws = new ArrayList<>(RUN);
      while (run.size() < RUN) {
        CommitRecord r = inner.next();
        if (r == null) {
          exhausted = true;
          break;
        }
        run.add(r);
        raws.add(lastRaw());
      }
      if (run.isEmpty()) {
        return;
      }
      Future<List<List<TreeDiff.Change>>> changes = stage(0, () -> trees.changes(run, raws));
      window.add(new Run(changes, stage(1, () -> files(run, await(changes)))));
    }
  }

  /**
   * Hands {@code task} to the worker of stage {@code k}, or without workers runs it now, on the
   * caller's thread, its outcome a future already done: both ways share the runs and their order.
   */
  private <T> Future<T> stage(int k, Callable<T> task) {
    if (!workers.isEmpty()) {
      return workers.get(k).submit(task);
    }
    try {
      return CompletableFuture.completedFuture(task.call());
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The raw object of the record the inner stream returned last, if it hands those out. */
  private byte @Nullable [] lastRaw() {
    return inner instanceof LastRawObject l ? l.lastRaw() : null;
  }

  private static <T> T await(Future<T> run) throws IOException {
    try {
      return run.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted while diffing");
      io.initCause(e);
      throw io;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
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

  /** A run handed to the workers: its changed paths, then its records with their changes. */
  private record Run(
      Future<List<List<TreeDiff.Change>>> changes, Future<List<CommitRecord>> files) {}

  /** The second stage, on its worker: the records of {@code run} with their file changes. */
  private List<CommitRecord> files(List<CommitRecord> run, List<List<TreeDiff.Change>> changes)
      throws IOException {
    List<CommitRecord> out = new ArrayList<>(run.size());
    for (int i = 0; i < run.size(); i++) {
      if (i % WARM == 0) {
        differ.warm(changes.subList(i, Math.min(run.size(), i + WARM)));
      }
      out.add(run.get(i).withFiles(differ.files(changes.get(i))));
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
    for (Run r : window) {
      r.changes().cancel(false);
      r.files().cancel(false);
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
