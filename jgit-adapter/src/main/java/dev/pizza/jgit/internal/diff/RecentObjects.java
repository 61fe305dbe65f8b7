package dev.pizza.jgit.internal.diff;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The raw trees read lately, by id, up to a total size: first in, first out. A hit saves the whole
 * read of a tree: the id's lookup in the pack index, the cache of the {@link
 * dev.pizza.jgit.internal.pack.ObjectSource} and the copy out of it. Kept by bytes, not by count,
 * as one tree may weigh as much as hundreds of small ones; each counts with {@link #OVERHEAD} bytes
 * more for its entry, id and map node, so that many small ones cannot outgrow the bound. First in,
 * first out rather than least recently used: a read then leaves the map as it is, and the trees
 * read again are mostly read again soon (a commit's tree, read before as its child's parent tree).
 *
 * <p>An object is held as the first bytes of an array that may be longer ({@link Content}), and
 * every array put is handed to the consumer given when opened once the cache lets go of it (not
 * kept, replaced or dropped), so that its reader may reuse it ({@link ArrayPool}). The bound counts
 * the objects' lengths, not their arrays'.
 *
 * <p>Not for blobs: tried in front of the blob stage's reads (a file's old side is read again as
 * its new side where an older commit changed it), it cost more than it saved: 0.50 against 0.70 s
 * of that stage's CPU on the synthetic 100k-commit history. Not thread safe.
 */
final class RecentObjects {
  /** The heap an entry takes besides its content: map node, id and its words. */
  static final int OVERHEAD = 112;

  private final long maxBytes;
  private final Consumer<byte[]> dropped;
  private long bytes;
  private final LinkedHashMap<Oid, Content> objects =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Oid, Content> eldest) {
          if (bytes <= maxBytes) {
            return false;
          }
          drop(eldest.getValue());
          return true;
        }
      };

  /**
   * A cache of at most {@code maxBytes}; an object over a quarter of it is not kept. The arrays it
   * lets go of are handed to {@code dropped}.
   */
  RecentObjects(long maxBytes, Consumer<byte[]> dropped) {
    this.maxBytes = maxBytes;
    this.dropped = dropped;
  }

  /** The object with id {@code id}, if it is held; the array is shared, not to be modified. */
  @Nullable Content get(Oid id) {
    return objects.get(id);
  }

  /**
   * Holds {@code raw} as object {@code id} (an id held already keeps its place), dropping the
   * oldest to make room: one as the map adds the entry, more if that was not room enough.
   */
  void put(Oid id, Content raw) {
    if (raw.length() + OVERHEAD > maxBytes / 4) {
      dropped.accept(raw.bytes());
      return;
    }
    bytes += raw.length() + OVERHEAD;
    Content old = objects.put(id, raw);
    if (old != null) {
      bytes -= old.length() + OVERHEAD;
      if (old.bytes() != raw.bytes()) {
        dropped.accept(old.bytes());
      }
    }
    if (bytes > maxBytes) {
      Iterator<Map.Entry<Oid, Content>> eldest = objects.entrySet().iterator();
      while (bytes > maxBytes) {
        Content r = eldest.next().getValue();
        eldest.remove();
        drop(r);
      }
    }
  }

  private void drop(Content raw) {
    bytes -= raw.length() + OVERHEAD;
    dropped.accept(raw.bytes());
  }

  /** The total size of the objects held, with {@link #OVERHEAD} for each. */
  long bytes() {
    return bytes;
  }
}
