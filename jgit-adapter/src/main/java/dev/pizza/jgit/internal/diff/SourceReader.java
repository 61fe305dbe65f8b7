package dev.pizza.jgit.internal.diff;

import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectSource;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * JGit's {@link ObjectReader} face of an {@link ObjectSource}, so that JGit's rename detector reads
 * blobs through the project's own pack reader. Whole objects only, by full id; not thread safe; it
 * does not close the source.
 */
final class SourceReader extends ObjectReader {
  private final ObjectSource objects;
  private final int[] w = new int[5];

  SourceReader(ObjectSource objects) {
    this.objects = objects;
  }

  /** Returns the content of blob {@code id}. */
  byte[] blob(AnyObjectId id) throws IOException {
    Ids.toWords(id, w, 0);
    int pos = objects.locate(w, 0);
    if (pos < 0) {
      throw new MissingObjectException(id.copy(), "blob");
    }
    return objects.read(pos, org.eclipse.jgit.lib.Constants.OBJ_BLOB);
  }

  @Override
  public ObjectReader newReader() {
    return this;
  }

  @Override
  public Collection<ObjectId> resolve(AbbreviatedObjectId id) {
    return id.isComplete() ? List.of(id.toObjectId()) : List.of();
  }

  @Override
  public ObjectLoader open(AnyObjectId id, int typeHint) throws IOException {
    Ids.toWords(id, w, 0);
    int pos = objects.locate(w, 0);
    if (pos < 0) {
      throw new MissingObjectException(id.copy(), typeHint);
    }
    ObjectSource.Typed t = objects.readAny(pos);
    return new ObjectLoader.SmallObject(t.type(), t.data());
  }

  @Override
  public Set<ObjectId> getShallowCommits() {
    return Set.of();
  }

  @Override
  public void close() {
    // The source belongs to the caller.
  }
}
