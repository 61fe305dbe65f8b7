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
   * Opens a stream over the same range as {@link #walk}, with one more promise: each commit comes
   * after every parent of it that is in the range. Every prefix of the stream, together with
   * reachable({@code exclude}), is then closed under "parent of", which is what makes intermediate
   * checkpoints possible (see {@link Checkpoint}). Memory stays a few bytes per commit of the
   * range.
   *
   * <p>The default throws {@link UnsupportedOperationException}: the oven then delivers in any
   * order and saves no intermediate checkpoint.
   *
   * @throws IOException if the repository cannot be read, or an {@code include} id is absent
   */
  default CommitStream walkParentsFirst(Collection<CommitId> include, Collection<CommitId> exclude)
      throws IOException {
    throw new UnsupportedOperationException(getClass().getName() + " cannot order parents first");
  }
}
