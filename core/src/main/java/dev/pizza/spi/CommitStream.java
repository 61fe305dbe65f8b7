package dev.pizza.spi;

import dev.pizza.CommitRecord;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A lazy, single-pass sequence of commit records from a {@link CommitSource}. Holds resources (open
 * files, buffers): close it. Not thread safe.
 */
public interface CommitStream extends AutoCloseable {

  /**
   * Returns the next record, or null when the range is exhausted. Each commit of the range is
   * returned exactly once, in the order its source names ({@link CommitSource#order()}), if any.
   *
   * @throws IOException if the repository cannot be read
   */
  @Nullable CommitRecord next() throws IOException;

  /**
   * Passes over the next {@code n} commits without returning them, as if {@link #next()} had been
   * called {@code n} times; returns how many were passed over, fewer than {@code n} only when the
   * range ended. A bake resuming an interrupted one skips what that one delivered. The default
   * calls {@link #next()}; implementations pass over commits without building their records.
   *
   * @throws IOException if the repository cannot be read
   */
  default long skip(long n) throws IOException {
    long skipped = 0;
    while (skipped < n && next() != null) {
      skipped++;
    }
    return skipped;
  }

  /** Releases the stream's resources. Never throws. */
  @Override
  void close();
}
