package dev.pizza.spi;

import dev.pizza.CommitId;
import dev.pizza.testing.InMemoryCommitSource;
import java.io.IOException;
import java.util.Collection;

/**
 * The commits of one repository, read lazily by range.
 *
 * <p>A range is "reachable from {@code include}, not reachable from {@code exclude}", the set git
 * writes as {@code include ^exclude}. It is computed from the commit graph alone: commit dates play
 * no part, so a branch whose dates are older than the main line is never cut off. Streams keep
 * memory bounded by a small constant per commit of the range, never a record per commit.
 *
 * <p>{@link InMemoryCommitSource} implements it for unit tests of sinks and plugins; the {@code
 * jgit-adapter} module implements it over a git repository.
 */
public interface CommitSource {

  /** Returns whether the commit {@code id} is present in this source. */
  boolean contains(CommitId id) throws IOException;

  /**
   * Opens a stream over the commits reachable from {@code include} and not from {@code exclude}.
   * Every id in {@code include} must be present; ids in {@code exclude} that are absent are ignored
   * (check them with {@link #contains} first when that matters).
   *
   * @throws IOException if the repository cannot be read, or an {@code include} id is absent
   */
  CommitStream walk(Collection<CommitId> include, Collection<CommitId> exclude) throws IOException;

  /**
   * Names the order in which {@link #walk} streams a range, when that order is a function of the
   * commit graph and of the {@code include} and {@code exclude} sets alone: the same range walked
   * again, after any commits or objects were added, streams in the same order. A bake counts the
   * commits it delivered in that order, and a bake resuming an interrupted one {@linkplain
   * CommitStream#skip skips} that many (see {@link dev.pizza.Checkpoint}). A new order gets a new
   * name.
   *
   * <p>The default, empty, says the order is not repeatable: the oven then saves no intermediate
   * checkpoints.
   */
  default String order() {
    return "";
  }
}
