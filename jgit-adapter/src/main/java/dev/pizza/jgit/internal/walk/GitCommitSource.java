package dev.pizza.jgit.internal.walk;

import dev.pizza.CommitId;
import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ObjectSources;
import dev.pizza.spi.CommitSource;
import dev.pizza.spi.CommitStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CommitSource} over a JGit repository. Each stream has its own reader. Like the bake that
 * uses it, not thread safe.
 */
public final class GitCommitSource implements CommitSource {
  private final Repository repository;
  private final @Nullable Path generations;
  private final VerifiedLayers verifiedLayers;

  /**
   * A source over {@code repository}; generation numbers are kept in {@code generations} (a
   * directory, created when first needed), or only computed per walk when it is null.
   */
  public GitCommitSource(
      Repository repository, @Nullable Path generations, VerifiedLayers verifiedLayers) {
    this.repository = repository;
    this.generations = generations;
    this.verifiedLayers = verifiedLayers;
  }

  private @Nullable ObjectSource lookups;

  /** Answers from one reader kept open until {@link #close()}; a bake asks about each old tip. */
  @Override
  public boolean contains(CommitId id) throws IOException {
    ObjectSource objects = lookups;
    if (objects == null) {
      objects = ObjectSources.open(repository);
      lookups = objects;
    }
    ObjectId oid = Ids.objectId(id);
    return oid.equals(ObjectSources.peelToCommit(objects, oid));
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
    ObjectSource objects = ObjectSources.open(repository);
    try {
      List<ObjectId> in = new ArrayList<>(include.size());
      for (CommitId c : include) {
        ObjectId id = Ids.objectId(c);
        if (!id.equals(ObjectSources.peelToCommit(objects, id))) {
          throw new MissingObjectException(id, Constants.OBJ_COMMIT);
        }
        in.add(id);
      }
      List<ObjectId> out = new ArrayList<>(exclude.size());
      for (CommitId c : exclude) {
        ObjectId id = Ids.objectId(c);
        if (id.equals(ObjectSources.peelToCommit(objects, id))) {
          out.add(id);
        }
      }
      boolean shallow = ObjectSources.isShallow(repository);
      GenerationIndex index =
          generations == null
              ? GenerationIndex.none()
              : GenerationIndex.open(generations, verifiedLayers);
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
