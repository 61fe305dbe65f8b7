package dev.pizza.jgit.internal.walk;

import dev.pizza.CommitId;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ObjectSources;
import dev.pizza.spi.CommitSource;
import dev.pizza.spi.CommitStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CommitSource} over a repository's object files. Each stream has its own reader. Like the
 * bake that uses it, not thread safe.
 */
public final class GitCommitSource implements CommitSource {
  private final ObjectSources.Opener opener;
  private final ObjectFormat format;
  private final boolean shallow;
  private final @Nullable Path generations;
  private final VerifiedLayers verifiedLayers;
  private final FinishingWalks finishing;

  /** The name of {@link #walk}'s order; a change of the order must change it. */
  static final String ORDER = "dfs-first-parent/generation-id/1";

  /**
   * A source over the objects {@code opener} reads, named in {@code format}; generation numbers are
   * kept in {@code generations} (a directory, created when first needed), or only computed per walk
   * when it is null; {@code verifiedLayers} remembers which of their files were found whole, and
   * {@code finishing} gets the full walks closed while still writing them.
   */
  public GitCommitSource(
      ObjectSources.Opener opener,
      ObjectFormat format,
      boolean shallow,
      @Nullable Path generations,
      VerifiedLayers verifiedLayers,
      FinishingWalks finishing) {
    this.opener = opener;
    this.format = format;
    this.shallow = shallow;
    this.generations = generations;
    this.verifiedLayers = verifiedLayers;
    this.finishing = finishing;
  }

  private @Nullable ObjectSource lookups;

  /** Answers from one reader kept open until {@link #close()}; a bake asks about each old tip. */
  @Override
  public boolean contains(CommitId id) throws IOException {
    ObjectSource objects = lookups;
    if (objects == null) {
      objects = opener.open();
      lookups = objects;
    }
    return ObjectSources.isCommit(objects, id);
  }

  /** Closes the reader {@link #contains} keeps. */
  public void close() {
    ObjectSource objects = lookups;
    lookups = null;
    if (objects != null) {
      objects.close();
    }
  }

  /**
   * Names {@link #walk}'s order, which is repeatable: with nothing to exclude, depth first from the
   * include ids in id order, first parent on top (a {@link FullRawCommitWalk}); otherwise by
   * non-increasing generation, equal generations by id (an {@link IncrementalCommitStream}). Both
   * follow from the commit graph and the ids alone, never from where objects lie in which pack.
   */
  @Override
  public String order() {
    // Not in a shallow repository: deepening it changes parents and generations, hence the order.
    return shallow ? "" : ORDER;
  }

  @Override
  public CommitStream walk(Collection<CommitId> include, Collection<CommitId> exclude)
      throws IOException {
    // A full walk of this or another repository may still be writing generations it may read.
    finishing.awaitAll();
    ObjectSource objects = opener.open();
    try {
      List<CommitId> in = new ArrayList<>(include.size());
      for (CommitId c : new TreeSet<>(include)) {
        if (!ObjectSources.isCommit(objects, c)) {
          throw new IOException("Missing commit " + c.hex());
        }
        in.add(c);
      }
      List<CommitId> out = new ArrayList<>(exclude.size());
      for (CommitId c : exclude) {
        if (ObjectSources.isCommit(objects, c)) {
          out.add(c);
        }
      }
      GenerationIndex index =
          generations == null
              ? GenerationIndex.none()
              : GenerationIndex.open(generations, format, verifiedLayers);
      return out.isEmpty()
          ? new PipelinedCommitStream(
              new FullRawCommitWalk(objects, index, in, shallow), finishing::add)
          : new IncrementalCommitStream(objects, index, in, out, shallow);
    } catch (IOException | RuntimeException e) {
      objects.close();
      throw e;
    }
  }
}
