package dev.pizza.jgit.internal.diff;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The raw trees or blobs read lately, by id, up to a total size: least recently used first out. A
 * hit saves the whole read of an object: the id's lookup in the pack index, the cache of the {@link
 * dev.pizza.jgit.internal.pack.ObjectSource} and the copy out of it. Kept by bytes, not by count,
 * as one object may weigh as much as hundreds of small ones; each counts with {@link #OVERHEAD}
 * bytes more for its entry, id and map node, so that many small blobs cannot outgrow the bound. Not
 * thread safe.
 */
final class RecentObjects {
  /** The heap an entry takes besides its content: map node, id and its words. */
  static final int OVERHEAD = 112;

  private final long maxBytes;
  private long bytes;
  private final LinkedHashMap<Oid, byte[]> objects = new LinkedHashMap<>(1024, 0.75f, true);

  /** A cache of at most {@code maxBytes}; an object over a quarter of it is not kept. */
  RecentObjects(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The object with id {@code id}, if it is held; the array is shared, not to be modified. */
  byte @Nullable [] get(Oid id) {
    return objects.get(id);
  }

  /** Holds {@code raw} as object {@code id}, dropping the least recently used to make room. */
  void put(Oid id, byte[] raw) {
    if (raw.length + OVERHEAD > maxBytes / 4) {
      return;
    }
    byte[] old = objects.put(id, raw);
    bytes += raw.length - (old == null ? -OVERHEAD : old.length);
    if (bytes > maxBytes) {
      Iterator<Map.Entry<Oid, byte[]>> eldest = objects.entrySet().iterator();
      while (bytes > maxBytes) {
        bytes -= eldest.next().getValue().length + OVERHEAD;
        eldest.remove();
      }
    }
  }

  /** The total size of the objects held, with {@link #OVERHEAD} for each. */
  long bytes() {
    return bytes;
  }
}
