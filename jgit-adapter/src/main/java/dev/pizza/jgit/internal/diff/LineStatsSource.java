package dev.pizza.jgit.internal.diff;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ObjectSources;
import dev.pizza.spi.CommitSource;
import dev.pizza.spi.CommitStream;
import java.io.IOException;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CommitSource} whose records carry their {@link dev.pizza.FileChange}s: each stream of
 * the inner source is wrapped, and each record it returns is diffed (on the caller's thread, with a
 * reader of its own) before it is handed on. Ranges and order are the inner source's.
 */
public final class LineStatsSource implements CommitSource {
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
    ObjectSource objects;
    try {
      objects = opener.open();
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
    CommitDiffer differ = new CommitDiffer(objects, options);
    return new CommitStream() {
      @Override
      public @Nullable CommitRecord next() throws IOException {
        CommitRecord r = stream.next();
        return r == null ? null : r.withFiles(differ.files(r));
      }

      @Override
      public long skip(long n) throws IOException {
        return stream.skip(n);
      }

      @Override
      public void close() {
        try {
          stream.close();
        } finally {
          objects.close();
        }
      }
    };
  }
}
