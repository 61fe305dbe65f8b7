package dev.pizza.jgit.internal.walk;

import dev.pizza.CommitRecord;
import dev.pizza.spi.CommitStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link RawCommitWalk} on a thread of its own, which also parses its commits into records,
 * so a long walk uses two cores: one finds, inflates and decodes commits, the other (the caller's)
 * feeds them to the sink, whose own work (writing them out) is usually the larger. At most {@link
 * #DEPTH} batches of {@link #BATCH} records wait between them, so memory stays bounded whatever the
 * history. A failure of the walk or of parsing is rethrown to the caller. Commits the caller is
 * about to {@linkplain #skip skip} are handed over unparsed.
 *
 * <p>The thread hands over the last commit, closes the walk and only then {@linkplain
 * RawCommitWalk#finish() finishes} it (a full walk then computes and writes the generations of what
 * it walked: a tenth of a second or more on a 100k-commit history, which used to hold back the last
 * commits). {@link #close()} after the last commit was read leaves that to run on, beside the
 * caller's last batch, its sink's commit and its host's closing, and hands the stream to the {@code
 * finishing} callback, for whoever must {@link #await()} it (see {@link FinishingWalks}); {@link
 * #close()} earlier stops the thread and waits for it.
 */
final class PipelinedCommitStream implements CommitStream {
  static final int BATCH = 256;
  static final int DEPTH = 8;

  private final RawCommitWalk walk;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
  private final Thread walker;
  private final Consumer<PipelinedCommitStream> finishing;
  private volatile boolean stopped;

  /**
   * The walker leaves the commits before this one (counted from the first) raw: the caller is
   * skipping them. Only {@link #skip} writes it.
   */
  private volatile long skipping;

  /** How many commits the caller has read or skipped. */
  private long consumed;

  /** The batch being read: {@link CommitRecord}s, or raw commits where they were to be skipped. */
  private @Nullable List<Object> current;

  private int index;
  private boolean done;

  /** Whether the walk's end was read (rather than a failure): only its finishing is left. */
  private boolean ended;

  private static final Object END = new Object();

  /** Starts the walk; {@code finishing} gets the stream if it is closed while finishing. */
  PipelinedCommitStream(RawCommitWalk walk, Consumer<PipelinedCommitStream> finishing) {
    this.walk = walk;
    this.finishing = finishing;
    this.walker = new Thread(this::produce, "pizza-walk");
    walker.setDaemon(true);
    walker.start();
  }

  private void produce() {
    try {
      CommitParser parser = new CommitParser();
      List<Object> batch = new ArrayList<>(BATCH);
      long produced = 0;
      boolean exhausted = false;
      while (!stopped) {
        RawCommitWalk.RawCommit c = walk.next();
        if (c == null) {
          exhausted = true;
          break;
        }
        batch.add(produced++ < skipping ? c : parser.parse(c.id(), c.raw()));
        if (batch.size() == BATCH) {
          put(batch);
          batch = new ArrayList<>(BATCH);
        }
      }
      if (!batch.isEmpty()) {
        put(batch);
      }
      put(END);
      closeWalk();
      if (exhausted && !stopped) {
        walk.finish();
      }
    } catch (IOException | RuntimeException | Error e) {
      try {
        put(e);
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeWalk();
    }
  }

  private boolean walkClosed;

  private void closeWalk() {
    if (!walkClosed) {
      walkClosed = true;
      walk.close();
    }
  }

  private void put(Object item) throws InterruptedException {
    while (!stopped && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
      // The consumer is slow or gone; check for stop and try again.
    }
  }

  @Override
  public @Nullable CommitRecord next() throws IOException {
    // Raw commits are only ever below the skipping mark, which skip() consumes to.
    return (CommitRecord) nextItem();
  }

  /**
   * Passes over commits; the walker still reads each one, but parses none it has not parsed yet (it
   * may have run ahead before this call).
   */
  @Override
  public long skip(long n) throws IOException {
    skipping = consumed + n;
    long skipped = 0;
    while (skipped < n && nextItem() != null) {
      skipped++;
    }
    return skipped;
  }

  /** Returns the next record or raw commit, or null at the end. */
  @SuppressWarnings("unchecked")
  private @Nullable Object nextItem() throws IOException {
    while (true) {
      List<Object> batch = current;
      if (batch != null && index < batch.size()) {
        consumed++;
        return batch.get(index++);
      }
      if (done) {
        return null;
      }
      Object item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the commit walk");
      }
      if (item == END) {
        done = true;
        ended = true;
        current = null;
      } else if (item instanceof IOException e) {
        done = true;
        throw new IOException(e.getMessage(), e);
      } else if (item instanceof RuntimeException e) {
        done = true;
        throw e;
      } else if (item instanceof Error e) {
        done = true;
        throw e;
      } else {
        current = (List<Object>) item;
        index = 0;
      }
    }
  }

  /**
   * After the last commit was read, lets the walk finish on its thread (see the class comment);
   * otherwise stops the thread and waits for it. Either way the walk is closed by its thread.
   */
  @Override
  public void close() {
    if (done && ended) {
      if (walker.isAlive()) {
        finishing.accept(this);
      }
      return;
    }
    stopped = true;
    queue.clear();
    await();
  }

  /** Whether the walk's thread has ended. */
  boolean isFinished() {
    return !walker.isAlive();
  }

  /** Waits for the walk's thread to end, which closes the walk. */
  void await() {
    boolean interrupted = false;
    while (walker.isAlive()) {
      try {
        walker.join(1000);
      } catch (InterruptedException e) {
        interrupted = true;
      }
      queue.clear();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
