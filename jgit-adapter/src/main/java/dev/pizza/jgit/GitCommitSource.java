package dev.pizza.jgit;

import dev.pizza.CommitId;
import dev.pizza.CommitSource;
import dev.pizza.CommitStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link CommitSource} over a JGit repository. Each stream has its own reader. */
final class GitCommitSource implements CommitSource {
  private static final Logger log = LoggerFactory.getLogger(GitCommitSource.class);
  private final Repository repository;

  GitCommitSource(Repository repository) {
    this.repository = repository;
  }

  @Override
  public boolean contains(CommitId id) throws IOException {
    try (ObjectReader reader = repository.newObjectReader()) {
      return isCommit(reader, Ids.objectId(id));
    }
  }

  private static boolean isCommit(ObjectReader reader, ObjectId id) throws IOException {
    if (!reader.has(id)) {
      return false;
    }
    try {
      return reader.open(id).getType() == Constants.OBJ_COMMIT;
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      return false;
    }
  }

  @Override
  public CommitStream walk(Collection<CommitId> include, Collection<CommitId> exclude)
      throws IOException {
    ObjectReader reader = repository.newObjectReader();
    try {
      List<ObjectId> in = new ArrayList<>(include.size());
      for (CommitId c : include) {
        ObjectId id = Ids.objectId(c);
        if (!isCommit(reader, id)) {
          throw new MissingObjectException(id, Constants.OBJ_COMMIT);
        }
        in.add(id);
      }
      List<ObjectId> out = new ArrayList<>(exclude.size());
      for (CommitId c : exclude) {
        ObjectId id = Ids.objectId(c);
        if (isCommit(reader, id)) {
          out.add(id);
        }
      }
      reader.close();
      return new GitCommitStream(openObjects(), in, out, isShallow());
    } catch (IOException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  /** Opens the mapped reader of the repository's files, or JGit's reader where that cannot work. */
  private ObjectSource openObjects() throws IOException {
    if (repository.getObjectDatabase() instanceof ObjectDirectory dir) {
      try {
        return MappedObjects.open(dir.getDirectory().toPath());
      } catch (Pack.UnsupportedPackException e) {
        log.debug("{}: reading through JGit: {}", repository.getDirectory(), e.getMessage());
      }
    }
    return new ReaderObjects(repository.newObjectReader());
  }

  private boolean isShallow() {
    return repository.getDirectory() != null
        && java.nio.file.Files.exists(repository.getDirectory().toPath().resolve("shallow"));
  }
}
