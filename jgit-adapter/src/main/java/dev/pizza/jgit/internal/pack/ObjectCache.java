package dev.pizza.jgit.internal.pack;

import dev.pizza.jgit.internal.pack.ObjectSource.Typed;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Resolved pack objects by pack and offset, least recently used first out, bounded by their total
 * size; one per {@link MappedObjects}, shared by its packs. It holds the bases met while resolving
 * delta chains, and the trees and blobs read: git packs an older version of a file as a delta of a
 * newer one, so a blob read for one commit is the delta base of the version the next older commit
 * reads, and a tree or blob read once is often read again by the next commit's diff. Not thread
 * safe.
 */
final class ObjectCache {
  private final long maxBytes;
  private final Map<Long, Typed> objects = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;

  /** A cache of at most {@code maxBytes} of content; an object over a quarter of it is not kept. */
  ObjectCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The key of the object at {@code offset} of the pack numbered {@code pack}. */
  static long key(int pack, long offset) {
    return ((long) pack << 44) | offset;
  }

  @Nullable Typed get(long key) {
    return objects.get(key);
  }

  void put(long key, Typed object) {
    int size = object.data().length;
    if (size > maxBytes / 4) {
      return;
    }
    Typed old = objects.put(key, object);
    bytes += size - (old == null ? 0 : old.data().length);
    Iterator<Typed> it = objects.values().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      bytes -= it.next().data().length;
      it.remove();
    }
  }

  void clear() {
    objects.clear();
    bytes = 0;
  }
}
