package dev.pizza.jgit.internal.pack;

import java.io.IOException;
import java.nio.file.Files;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the {@link ObjectSource} of a repository, and answers small questions through it. */
public final class ObjectSources {
  private static final Logger log = LoggerFactory.getLogger(ObjectSources.class);
  private static final int MAX_TAG_DEPTH = 16;

  private ObjectSources() {}

  /** Opens the mapped reader of the repository's files, or JGit's reader where that cannot work. */
  public static ObjectSource open(Repository repository) throws IOException {
    if (repository.getObjectDatabase() instanceof ObjectDirectory dir) {
      try {
        return MappedObjects.open(dir.getDirectory().toPath());
      } catch (UnsupportedPackException e) {
        log.debug("{}: reading through JGit: {}", repository.getDirectory(), e.getMessage());
      }
    }
    return new ReaderObjects(repository.newObjectReader());
  }

  /** Returns the position of commit {@code id}; throws if the repository lacks it. */
  public static int require(ObjectSource objects, ObjectId id, int[] w) throws IOException {
    Ids.toWords(id, w, 0);
    int pos = objects.locate(w, 0);
    if (pos < 0) {
      throw new org.eclipse.jgit.errors.MissingObjectException(id, Constants.OBJ_COMMIT);
    }
    return pos;
  }

  public static boolean isShallow(Repository repository) {
    return repository.getDirectory() != null
        && Files.exists(repository.getDirectory().toPath().resolve("shallow"));
  }

  /**
   * Returns the commit {@code id} names, following annotated tags; null when the object is missing
   * or names no commit (a tree, a blob, a tag of one).
   */
  public static @Nullable ObjectId peelToCommit(ObjectSource objects, ObjectId id)
      throws IOException {
    int[] w = new int[5];
    ObjectId current = id;
    for (int depth = 0; depth < MAX_TAG_DEPTH; depth++) {
      Ids.toWords(current, w, 0);
      int pos = objects.locate(w, 0);
      if (pos < 0) {
        return null;
      }
      ObjectSource.Typed o = objects.readAny(pos);
      if (o.type() == Constants.OBJ_COMMIT) {
        return current;
      }
      if (o.type() != Constants.OBJ_TAG || o.data().length < 48 || o.data()[0] != 'o') {
        return null;
      }
      current = ObjectId.fromString(o.data(), 7); // "object " + 40 hex
    }
    return null;
  }
}
