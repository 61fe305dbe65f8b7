package dev.pizza.jgit.internal.pack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.ObjectStream;

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

  /**
   * JGit's loader gives the size without the content; a longer object's first bytes are read from
   * its stream, which for an object past JGit's streaming threshold holds no more.
   */
  @Override
  public long readAtMost(int position, int type, int max, int head, Buffers into)
      throws IOException {
    ObjectLoader loader = reader.open(ids.get(position), type);
    long size = loader.getSize();
    if (size <= max) {
      byte[] data = loader.getCachedBytes();
      System.arraycopy(data, 0, into.take(data.length), 0, data.length);
      return data.length;
    }
    int n = (int) Math.min(size, head);
    readStream(loader, into.take(n), n);
    return size;
  }

  @Override
  public byte[] readHead(int position, int type, int max) throws IOException {
    ObjectLoader loader = reader.open(ids.get(position), type);
    if (!loader.isLarge()) {
      return loader.getCachedBytes();
    }
    int n = (int) Math.min(loader.getSize(), max);
    byte[] head = new byte[n];
    readStream(loader, head, n);
    return head;
  }

  /** Reads the first {@code n} bytes of the object's stream into {@code out}. */
  private static void readStream(ObjectLoader loader, byte[] out, int n) throws IOException {
    try (ObjectStream in = loader.openStream()) {
      if (in.readNBytes(out, 0, n) != n) {
        throw new IOException("object shorter than its size");
      }
    }
  }

  /** The type from JGit's loader, which holds no content of a large object. */
  @Override
  public int type(int position) throws IOException {
    return reader.open(ids.get(position)).getType();
  }

  @Override
  public Typed readAny(int position) throws IOException {
    ObjectLoader loader = reader.open(ids.get(position));
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
