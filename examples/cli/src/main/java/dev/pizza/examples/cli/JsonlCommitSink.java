package dev.pizza.examples.cli;

import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.CommitSink;
import dev.pizza.RepositoryId;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * A {@link CommitSink} decorator that also writes every record it accepts as one line of JSON (see
 * {@link CommitJsonWriter} for the fields), then hands the batch to the sink it wraps.
 *
 * <p>The writer is flushed before the wrapped sink saves its checkpoint, so a checkpoint never
 * covers records that were not written out. Like any sink, the lines are at least once: a bake that
 * fails after some batches has written them, and the next bake writes them again. Retractions and
 * resyncs go to the wrapped sink only. The writer is not closed by this class.
 */
final class JsonlCommitSink implements CommitSink {
  private final CommitSink delegate;
  private final CommitJsonWriter out;

  /** Writes records to {@code out} and delegates to {@code delegate}. */
  JsonlCommitSink(CommitSink delegate, CommitJsonWriter out) {
    this.delegate = Objects.requireNonNull(delegate);
    this.out = Objects.requireNonNull(out);
  }

  @Override
  public Checkpoint checkpoint(RepositoryId repository) throws Exception {
    return delegate.checkpoint(repository);
  }

  @Override
  public void begin(RepositoryId repository, Checkpoint from) throws Exception {
    delegate.begin(repository, from);
  }

  @Override
  public void retract(RepositoryId repository, List<CommitId> commits) throws Exception {
    delegate.retract(repository, commits);
  }

  @Override
  public void resync(RepositoryId repository) throws Exception {
    delegate.resync(repository);
  }

  @Override
  public void accept(RepositoryId repository, List<CommitRecord> commits) throws Exception {
    synchronized (out) {
      for (CommitRecord r : commits) {
        out.write(r);
      }
    }
    delegate.accept(repository, commits);
  }

  @Override
  public void saveCheckpoint(RepositoryId repository, Checkpoint checkpoint) throws Exception {
    flush();
    delegate.saveCheckpoint(repository, checkpoint);
  }

  @Override
  public void abort(RepositoryId repository, Throwable cause) {
    try {
      flush();
    } catch (IOException e) {
      // The bake failed already; its lines are written again by the next bake.
    }
    delegate.abort(repository, cause);
  }

  private void flush() throws IOException {
    synchronized (out) {
      out.flush();
    }
  }
}
