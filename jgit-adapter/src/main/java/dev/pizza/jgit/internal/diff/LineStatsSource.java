package dev.pizza.jgit.internal.diff;

import dev.pizza.CommitId;
import dev.pizza.jgit.internal.pack.ObjectSources;
import dev.pizza.spi.CommitSource;
import dev.pizza.spi.CommitStream;
import java.io.IOException;
import java.util.Collection;

/**
 * A {@link CommitSource} whose records carry their {@link dev.pizza.FileChange}s: each stream of
 * the inner source is wrapped in a {@link DiffingStream}, which diffs records ahead on two worker
 * threads (on a machine with more than one processor) and hands them on in order. Ranges and order
 * are the inner source's.
 *
 * <p>Two workers, one per stage of the diff (trees, then blobs and lines), not two that each diff
 * whole commits: two of those, each with a reader and cache of its own, read again what the other
 * had cached (git packs each version of a file as a delta of the next, and the versions went to
 * alternate workers): on libgit2's history that cost 2 to 4 s more CPU, 70 MB more memory, and no
 * wall time on a shared 2-core machine (see examples/cli/PERFORMANCE.md). Split by stage, each
 * cache holds one kind of object and nothing is read twice.
 */
public final class LineStatsSource implements CommitSource {
  private static final boolean THREADED = Runtime.getRuntime().availableProcessors() > 1;

  private final CommitSource inner;
  private final ObjectSources.Opener opener;
  private final DiffOptions options;

  /** Wraps {@code inner}; blobs and trees are read from the objects {@code opener} opens. */
  public LineStatsSource(CommitSource inner, ObjectSources.Opener opener, DiffOptions options) {
    this.inner = inner;
    this.opener = opener;
    this.options = options;
  }

  @Override
  public boolean contains(CommitId id) throws IOException {
    return inner.contains(id);
  }

  @Override
  public CommitStream walk(Collection<CommitId> include, Collection<CommitId> exclude)
      throws IOException {
    return wrap(inner.walk(include, exclude));
  }

  @Override
  public String order() {
    return inner.order();
  }

  private CommitStream wrap(CommitStream stream) throws IOException {
    try {
      return new DiffingStream(stream, opener, options, THREADED);
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
  }
}
