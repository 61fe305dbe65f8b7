package dev.pizza.cache;

import dev.pizza.RepositoryId;
import java.nio.file.Path;
import java.util.Map;

/**
 * A repository held for reading and fetching. While any lease on an entry is open, the store never
 * evicts or deletes it. Closing the lease records the use and re-measures the entry's size. Close
 * it exactly once; further closes do nothing. Not thread safe.
 */
public interface Lease extends AutoCloseable {

  /** Returns the repository this lease holds. */
  RepositoryId repository();

  /** Returns the bare repository's directory. Valid until {@link #close()}. */
  Path directory();

  /** Returns whether this acquire loaded (cloned) the repository, rather than finding it. */
  boolean loaded();

  /** Returns the attributes the loader returned when the entry was created. */
  Map<String, String> attributes();

  /** Records that the holder fetched into the repository (counted in the statistics). */
  void fetched();

  /**
   * Marks the entry for deletion when this lease closes (for example when it turned out to be
   * damaged, or must be cloned again differently); the next acquire loads it anew.
   */
  void invalidate();

  /** Releases the lease. Never throws. */
  @Override
  void close();
}
