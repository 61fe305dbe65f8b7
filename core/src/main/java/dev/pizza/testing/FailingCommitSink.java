package dev.pizza.testing;

import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.CommitSink;
import dev.pizza.RepositoryId;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link CommitSink} that passes every call on to another sink, and throws instead of passing on
 * the N-th {@code accept}, {@code retract} or {@code saveCheckpoint}: a bake interrupted at that
 * moment, for tests of what the next bake delivers (nothing lost, at most one batch again). Counts
 * the calls and records every id it passed on, duplicates included. Not thread safe: one bake at a
 * time.
 */
public final class FailingCommitSink implements CommitSink {
  private final CommitSink inner;
  private final List<CommitId> accepted = new ArrayList<>();
  private int calls;
  private int failAt = -1;
  private int failedSaves;

  /** Passes calls on to {@code inner}; fails none until {@link #failAt} is set. */
  public FailingCommitSink(CommitSink inner) {
    this.inner = inner;
  }

  /**
   * Throws {@link IllegalStateException} instead of the {@code call}-th accept, retract or save
   * (counted from this sink's creation, see {@link #calls()}); -1 fails none.
   */
  public void failAt(int call) {
    this.failAt = call;
  }

  /** Returns how many accepts, retracts and saves were called so far, the failed one included. */
  public int calls() {
    return calls;
  }

  /** Returns how many of the failed calls were saves of a checkpoint. */
  public int failedSaves() {
    return failedSaves;
  }

  /** Returns the ids of every record passed on, in order, duplicates included. */
  public List<CommitId> accepted() {
    return List.copyOf(accepted);
  }

  private void maybeFail(boolean save) {
    if (++calls == failAt) {
      if (save) {
        failedSaves++;
      }
      throw new IllegalStateException("interrupted at call " + calls);
    }
  }

  @Override
  public Checkpoint checkpoint(RepositoryId r) throws Exception {
    return inner.checkpoint(r);
  }

  @Override
  public void begin(RepositoryId r, Checkpoint from) throws Exception {
    inner.begin(r, from);
  }

  @Override
  public void retract(RepositoryId r, List<CommitId> ids) throws Exception {
    maybeFail(false);
    inner.retract(r, ids);
  }

  @Override
  public void resync(RepositoryId r) throws Exception {
    inner.resync(r);
  }

  @Override
  public void accept(RepositoryId r, List<CommitRecord> records) throws Exception {
    maybeFail(false);
    records.forEach(c -> accepted.add(c.id()));
    inner.accept(r, records);
  }

  @Override
  public void saveCheckpoint(RepositoryId r, Checkpoint checkpoint) throws Exception {
    maybeFail(true);
    inner.saveCheckpoint(r, checkpoint);
  }

  @Override
  public void abort(RepositoryId r, Throwable cause) {
    inner.abort(r, cause);
  }
}
