package dev.pizza.jgit.internal.pack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * The objects of a repository through JGit's {@link ObjectReader}: the fallback for repositories
 * {@link MappedObjects} does not handle. Positions are handed out in the order ids are located.
 * SHA-1 only, as JGit is. Costs JGit's in-heap pack indexes plus a map entry per located object.
 * Not thread safe.
 */
public final class ReaderObjects implements ObjectSource {
  private final ObjectReader reader;
  private final Map<ObjectId, Integer> positions = new HashMap<>();
  private final List<ObjectId> ids = new ArrayList<>();

  public ReaderObjects(ObjectReader reader) {
    this.reader = reader;
  }

  @Override
  public ObjectFormat format() {
    return ObjectFormat.SHA1;
  }

  @Override
  public int locate(int[] w, int off) throws IOException {
    ObjectId id = Ids.fromWords(w, off);
    Integer known = positions.get(id);
    if (known != null) {
      return known;
    }
    if (!reader.has(id)) {
      return -1;
    }
    int pos = ids.size();
    ids.add(id);
    positions.put(id, pos);
    return pos;
  }

  @Override
  public void words(int position, int[] out, int off) {
    Ids.toWords(ids.get(position), out, off);
  }

  @Override
  public String name(int position) {
    return ids.get(position).name();
  }

  @Override
  public byte[] read(int position, int type) throws IOException {
    return reader.open(ids.get(position), type).getCachedBytes();
  }

  @Override
  public Typed readAny(int position) throws IOException {
    org.eclipse.jgit.lib.ObjectLoader loader = reader.open(ids.get(position));
    return new Typed(loader.getType(), loader.getCachedBytes());
  }

  @Override
  public int positionBound() {
    return ids.size();
  }

  @Override
  public void close() {
    reader.close();
  }
}
