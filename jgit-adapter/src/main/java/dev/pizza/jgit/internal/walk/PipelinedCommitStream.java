package dev.pizza.jgit.internal.walk;

import dev.pizza.CommitRecord;
import dev.pizza.jgit.internal.pack.LastRawObject;
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
 * Runs a {@link RawCommitWalk} on a thread of its own and parses its commits on the caller's, so a
 * long walk uses two cores: one finds and inflates objects, the other decodes records and feeds the
 * sink. At most {@link #DEPTH} batches wait between them, each of {@link #BATCH} raw commits or
 * fewer whose bytes reach {@link #BATCH_BYTES}, so memory stays bounded whatever the history: 1,200
 * commits of 1 MB messages (which {@code git log} prints in 12 MB) filled a heap of 256 MB when a
 * batch was bounded by its count alone. A failure of the walk is rethrown to the caller.
 *
 * <p>The thread hands over the last commit, closes the walk and only then {@linkplain
 * RawCommitWalk#finish() finishes} it (a full walk then computes and writes the generations of what
 * it walked: a tenth of a second or more on a 100k-commit history, which used to hold back the last
 * commits). {@link #close()} after the last commit was read leaves that to run on, beside the
 * caller's last batch, its sink's commit and its host's closing, and hands the stream to the {@code
 * finishing} callback, for whoever must {@link #await()} it (see {@link FinishingWalks}); {@link
 * #close()} earlier stops the thread and waits for it.
 */
final class PipelinedCommitStream implements CommitStream, LastRawObject {
  static final int BATCH = 256;

  /**
   * A batch is handed over once its raw commits hold this many bytes: 8 KB a commit at {@link
   * #BATCH}, several times a real history's (a commit of rails' is under 1 KB), so only large
   * messages cut a batch short.
   */
  static final int BATCH_BYTES = 2 << 20;

  static final int DEPTH = 8;

  private final RawCommitWalk walk;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
  private final CommitParser parser = new CommitParser();
  private final Thread walker;
  private final Consumer<PipelinedCommitStream> finishing;
  private volatile boolean stopped;
  private @Nullable List<RawCommitWalk.RawCommit> current;
  private byte @Nullable [] lastRaw;
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
      List<RawCommitWalk.RawCommit> batch = new ArrayList<>(BATCH);
      long bytes = 0;
      boolean exhausted = false;
      while (!stopped) {
        RawCommitWalk.RawCommit c = walk.next();
        if (c == null) {
          exhausted = true;
          break;
        }
        batch.add(c);
        bytes += c.raw().length;
        if (batch.size() == BATCH || bytes >= BATCH_BYTES) {
          put(batch);
          batch = new ArrayList<>(BATCH);
          bytes = 0;
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
    RawCommitWalk.RawCommit c = nextRaw();
    lastRaw = c == null ? null : c.raw();
    return c == null ? null : parser.parse(c.id(), c.raw());
  }

  @Override
  public byte @Nullable [] lastRaw() {
    return lastRaw;
  }

  /** Passes over commits without parsing them; the walker still reads each one. */
  @Override
  public long skip(long n) throws IOException {
    long skipped = 0;
    while (skipped < n && nextRaw() != null) {
      skipped++;
    }
    return skipped;
  }

  @SuppressWarnings("unchecked")
  private RawCommitWalk.@Nullable RawCommit nextRaw() throws IOException {
    while (true) {
      List<RawCommitWalk.RawCommit> batch = current;
      if (batch != null && index < batch.size()) {
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
        current = (List<RawCommitWalk.RawCommit>) item;
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
