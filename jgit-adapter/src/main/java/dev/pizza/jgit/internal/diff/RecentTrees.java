package dev.pizza.jgit.internal.diff;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The raw trees read lately, by id, up to a total size: least recently used first out. A hit saves
 * the whole read of a tree: the id's lookup in the pack index, the cache of the {@link
 * dev.pizza.jgit.internal.pack.ObjectSource} and the copy out of it. Kept by bytes, not by count,
 * as one tree of a large directory may weigh as much as hundreds of small ones. Not thread safe.
 */
final class RecentTrees {
  private final long maxBytes;
  private long bytes;
  private final LinkedHashMap<Oid, byte[]> trees = new LinkedHashMap<>(1024, 0.75f, true);

  /** A cache of at most {@code maxBytes} of trees; a tree over a quarter of it is not kept. */
  RecentTrees(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The tree with id {@code id}, if it is held; the array is shared, not to be modified. */
  byte @Nullable [] get(Oid id) {
    return trees.get(id);
  }

  /** Holds {@code raw} as tree {@code id}, dropping the least recently used trees to make room. */
  void put(Oid id, byte[] raw) {
    if (raw.length > maxBytes / 4) {
      return;
    }
    byte[] old = trees.put(id, raw);
    bytes += raw.length - (old == null ? 0 : old.length);
    Iterator<Map.Entry<Oid, byte[]>> eldest = trees.entrySet().iterator();
    while (bytes > maxBytes) {
      bytes -= eldest.next().getValue().length;
      eldest.remove();
    }
  }

  /** The total size of the trees held. */
  long bytes() {
    return bytes;
  }
}
