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
   * returned exactly once; the order is unspecified.
   *
   * @throws IOException if the repository cannot be read
   */
  @Nullable CommitRecord next() throws IOException;

  /** Releases the stream's resources. Never throws. */
  @Override
  void close();
}
