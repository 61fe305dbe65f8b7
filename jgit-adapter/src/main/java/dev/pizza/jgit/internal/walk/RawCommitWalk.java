package dev.pizza.jgit.internal.walk;

import dev.pizza.CommitId;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** A walk that yields commits as raw object bytes, leaving the parsing to its consumer. */
interface RawCommitWalk extends AutoCloseable {

  /** A commit's id and the bytes of its object. */
  record RawCommit(CommitId id, byte[] raw) {}

  /** Returns the next commit of the walk, or null when it is done. */
  @Nullable RawCommit next() throws IOException;

  /**
   * Does what the walk leaves for after its last commit and its consumer need not wait for (a full
   * walk records the generations of what it walked); called once {@link #next()} returned null and
   * the walk was {@linkplain #close() closed}, so it reads none of the repository's files. Never
   * throws: that work only saves later walks some.
   */
  default void finish() {}

  /** Releases the walk's files. Never throws. */
  @Override
  void close();
}
