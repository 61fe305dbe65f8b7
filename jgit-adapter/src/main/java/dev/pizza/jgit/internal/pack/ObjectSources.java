package dev.pizza.jgit.internal.pack;

import dev.pizza.CommitId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the {@link ObjectSource} of a repository, and answers small questions through it. */
public final class ObjectSources {
  private static final Logger log = LoggerFactory.getLogger(ObjectSources.class);
  private static final int MAX_TAG_DEPTH = 16;

  private ObjectSources() {}

  /** Opens a fresh {@link ObjectSource} of one repository, once per walk, diff stage or lookup. */
  @FunctionalInterface
  public interface Opener {
    /** Opens a source that caches at most {@code cacheBytes} of the objects it reads. */
    ObjectSource open(long cacheBytes) throws IOException;

    /** Opens a source with the default bound, {@link MappedObjects#CACHE_BYTES}. */
    default ObjectSource open() throws IOException {
      return open(MappedObjects.CACHE_BYTES);
    }
  }

  /** {@link #open(Repository, long)} with the default bound, for a lookup. */
  public static ObjectSource open(Repository repository) throws IOException {
    return open(repository, MappedObjects.CACHE_BYTES);
  }

  /**
   * Opens the mapped reader of the repository's files, caching at most {@code cacheBytes}, or
   * JGit's reader (with JGit's own cache) where that cannot work.
   */
  public static ObjectSource open(Repository repository, long cacheBytes) throws IOException {
    if (repository.getObjectDatabase() instanceof ObjectDirectory dir) {
      try {
        return MappedObjects.open(dir.getDirectory().toPath(), ObjectFormat.SHA1, cacheBytes);
      } catch (UnsupportedPackException e) {
        log.debug("{}: reading through JGit: {}", repository.getDirectory(), e.getMessage());
      }
    }
    return new ReaderObjects(repository.newObjectReader());
  }

  /** {@link #open(Path, ObjectFormat, long)} with the default bound, for a lookup. */
  public static ObjectSource open(Path objects, ObjectFormat format) throws IOException {
    return open(objects, format, MappedObjects.CACHE_BYTES);
  }

  /**
   * Opens the mapped reader of the object directory {@code objects}, whose ids are in {@code
   * format}, caching at most {@code cacheBytes}: for repositories JGit cannot read (SHA-256), so
   * there is no fallback.
   */
  public static ObjectSource open(Path objects, ObjectFormat format, long cacheBytes)
      throws IOException {
    return MappedObjects.open(objects, format, cacheBytes);
  }

  /** Returns the position of commit {@code id}; throws if the repository lacks it. */
  public static int require(ObjectSource objects, CommitId id, int[] w) throws IOException {
    int pos = Ids.toWords(id.hex(), objects.format(), w, 0) ? objects.locate(w, 0) : -1;
    if (pos < 0) {
      throw missing(id.hex());
    }
    return pos;
  }

  /** The failure for commit {@code hex}, which the repository should hold and does not. */
  public static IOException missing(String hex) {
    return new IOException("Missing commit " + hex);
  }

  public static boolean isShallow(Repository repository) {
    return repository.getDirectory() != null
        && Files.exists(repository.getDirectory().toPath().resolve("shallow"));
  }

  /**
   * Returns the position of the commit that the id in {@code w} names, following annotated tags; -1
   * when the object is missing or names no commit (a tree, a blob, a tag of one). Overwrites {@code
   * w}. Reads each object's type and a tag's first line only: a ref may name a blob of any size.
   */
  public static int peelToCommit(ObjectSource objects, int[] w) throws IOException {
    ObjectFormat format = objects.format();
    for (int depth = 0; depth < MAX_TAG_DEPTH; depth++) {
      int pos = objects.locate(w, 0);
      if (pos < 0) {
        return -1;
      }
      int type = objects.type(pos); // a tag's target may be a blob of any size
      if (type == Constants.OBJ_COMMIT) {
        return pos;
      }
      if (type != Constants.OBJ_TAG) {
        return -1;
      }
      byte[] data = objects.readHead(pos, Constants.OBJ_TAG, 8 + format.hexLength());
      if (data.length < 8 + format.hexLength() || data[0] != 'o') {
        return -1;
      }
      Ids.parseWords(data, 7, format, w, 0); // "object " + hex
    }
    return -1;
  }

  /** Returns whether {@code id} names a commit of the repository (not a tag of one). */
  public static boolean isCommit(ObjectSource objects, CommitId id) throws IOException {
    int[] w = new int[ObjectFormat.MAX_WORDS];
    if (!Ids.toWords(id.hex(), objects.format(), w, 0)) {
      return false;
    }
    int pos = peelToCommit(objects, w);
    return pos >= 0 && objects.name(pos).equals(id.hex());
  }
}
