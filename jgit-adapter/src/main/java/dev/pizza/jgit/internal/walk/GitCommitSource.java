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

  /**
   * A source over the objects {@code opener} reads, named in {@code format}; generation numbers are
   * kept in {@code generations} (a directory, created when first needed), or only computed per walk
   * when it is null; {@code verifiedLayers} remembers which of their files were found whole.
   */
  public GitCommitSource(
      ObjectSources.Opener opener,
      ObjectFormat format,
      boolean shallow,
      @Nullable Path generations,
      VerifiedLayers verifiedLayers) {
    this.opener = opener;
    this.format = format;
    this.shallow = shallow;
    this.generations = generations;
    this.verifiedLayers = verifiedLayers;
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

  @Override
  public CommitStream walk(Collection<CommitId> include, Collection<CommitId> exclude)
      throws IOException {
    return open(include, exclude, false);
  }

  /** Orders the range in two passes; see {@link ParentsFirstWalk}. */
  @Override
  public CommitStream walkParentsFirst(Collection<CommitId> include, Collection<CommitId> exclude)
      throws IOException {
    return open(include, exclude, true);
  }

  private CommitStream open(
      Collection<CommitId> include, Collection<CommitId> exclude, boolean parentsFirst)
      throws IOException {
    ObjectSource objects = opener.open();
    try {
      List<CommitId> in = new ArrayList<>(include.size());
      for (CommitId c : include) {
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
      if (parentsFirst) {
        return new PipelinedCommitStream(
            out.isEmpty()
                ? ParentsFirstWalk.full(objects, index, in, shallow)
                : ParentsFirstWalk.excluding(objects, index, in, out, shallow));
      }
      return out.isEmpty()
          ? new PipelinedCommitStream(new FullRawCommitWalk(objects, index, in, shallow))
          : new IncrementalCommitStream(objects, index, in, out, shallow);
    } catch (IOException | RuntimeException e) {
      objects.close();
      throw e;
    }
  }
}
