package dev.pizza.jgit.internal.diff;

import dev.pizza.jgit.internal.pack.ObjectFormat;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The raw trees read lately, by id, up to a total size: first in, first out. A hit saves the whole
 * read of a tree: the id's lookup in the pack index, the cache of the {@link
 * dev.pizza.jgit.internal.pack.ObjectSource} and the copy out of it. Kept by bytes, not by count,
 * as one tree may weigh as much as hundreds of small ones; each counts with {@link #OVERHEAD} bytes
 * more for its entry, so that many small ones cannot outgrow the bound. First in, first out rather
 * than least recently used: a read then leaves the order as it is, and the trees read again are
 * mostly read again soon (a commit's tree, read before as its child's parent tree).
 *
 * <p>An object is held as the first bytes of an array that may be longer ({@link Content}), and
 * every array put is handed to the consumer given when opened once the cache lets go of it (not
 * kept, replaced or dropped), so that its reader may reuse it ({@link ArrayPool}). The bound counts
 * the objects' lengths, not their arrays'.
 *
 * <p>The ids are held as words in one array beside a ring of the entries in order of insertion, and
 * found through an open-addressing table of entry numbers: a look-up and an eviction read those
 * arrays only. Kept in a {@code LinkedHashMap} by {@link Oid}, the tree stage of a line-stats bake
 * spent about a tenth of its CPU in the map (the eviction of each entry hashed its key again, a
 * cache miss on an id allocated long before) and in allocating an {@link Oid} per subtree looked
 * up.
 *
 * <p>Not for blobs: tried in front of the blob stage's reads (a file's old side is read again as
 * its new side where an older commit changed it), it cost more than it saved: 0.50 against 0.70 s
 * of that stage's CPU on the synthetic 100k-commit history. Not thread safe.
 */
final class RecentObjects {
  /** The heap an entry takes besides its content, as counted against the bound. */
  static final int OVERHEAD = 112;

  private static final int STRIDE = ObjectFormat.MAX_WORDS;

  private final long maxBytes;
  private final int idWords;
  private final Consumer<byte[]> dropped;
  private long bytes;

  // The entries, oldest first, in a ring: sequence numbers first..next-1, slot seq & (mask).
  private long first;
  private long next;
  private int[] words = new int[0];
  private Content[] contents = new Content[0];

  // Open addressing, linear probing: ring slot + 1 of each entry, 0 for a free slot.
  private int[] table = new int[0];

  /**
   * A cache of at most {@code maxBytes} of objects whose ids have {@code idWords} words; an object
   * over a quarter of it is not kept. The arrays it lets go of are handed to {@code dropped}.
   */
  RecentObjects(long maxBytes, int idWords, Consumer<byte[]> dropped) {
    this.maxBytes = maxBytes;
    this.idWords = idWords;
    this.dropped = dropped;
  }

  /**
   * The object whose id is the words {@code w[0..)}, if it is held; the array is shared, not to be
   * modified.
   */
  @Nullable Content get(int[] w) {
    int s = slotOf(w);
    return s < 0 ? null : contents[table[s] - 1];
  }

  /**
   * Holds {@code raw} as the object whose id is the words {@code w[0..)} (an id held already keeps
   * its place), dropping the oldest to make room.
   */
  void put(int[] w, Content raw) {
    if (raw.length() + OVERHEAD > maxBytes / 4) {
      dropped.accept(raw.bytes());
      return;
    }
    bytes += raw.length() + OVERHEAD;
    int s = slotOf(w);
    if (s >= 0) {
      int e = table[s] - 1;
      Content old = contents[e];
      contents[e] = raw;
      bytes -= old.length() + OVERHEAD;
      if (old.bytes() != raw.bytes()) {
        dropped.accept(old.bytes());
      }
    } else {
      if (next - first == contents.length) {
        grow();
      }
      int e = ring(next++);
      System.arraycopy(w, 0, words, e * STRIDE, idWords);
      contents[e] = raw;
      claim(e);
    }
    while (bytes > maxBytes) {
      evict();
    }
  }

  /** The total size of the objects held, with {@link #OVERHEAD} for each. */
  long bytes() {
    return bytes;
  }

  private int ring(long seq) {
    return (int) seq & (contents.length - 1);
  }

  private void evict() {
    int e = ring(first++);
    Content raw = contents[e];
    contents[e] = Content.EMPTY; // the array is the reader's again
    bytes -= raw.length() + OVERHEAD;
    dropped.accept(raw.bytes());
    int mask = table.length - 1;
    int s = home(words, e * STRIDE, mask);
    while (table[s] != e + 1) {
      s = (s + 1) & mask;
    }
    delete(s);
  }

  private void grow() {
    int n = Math.max(16, 2 * contents.length);
    int[] w = new int[n * STRIDE];
    Content[] c = new Content[n];
    for (long seq = first; seq < next; seq++) {
      int from = ring(seq);
      int to = (int) seq & (n - 1);
      System.arraycopy(words, from * STRIDE, w, to * STRIDE, idWords);
      c[to] = contents[from];
    }
    words = w;
    contents = c;
    table = new int[4 * n];
    for (long seq = first; seq < next; seq++) {
      claim(ring(seq));
    }
  }

  /**
   * The first slot of the probe run of the id at {@code w[at..]} in a table of {@code mask + 1}.
   */
  private int home(int[] w, int at, int mask) {
    int h = (w[at] ^ w[at + idWords - 1]) * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }

  /** The slot of the entry whose id is {@code w[0..)}, or -1. */
  private int slotOf(int[] w) {
    if (table.length == 0) {
      return -1;
    }
    int mask = table.length - 1;
    for (int s = home(w, 0, mask); ; s = (s + 1) & mask) {
      int v = table[s];
      if (v == 0) {
        return -1;
      }
      if (same(words, (v - 1) * STRIDE, w)) {
        return s;
      }
    }
  }

  /** Whether the id at {@code held[at..]} is the id {@code w[0..)}. */
  private boolean same(int[] held, int at, int[] w) {
    for (int i = 0; i < idWords; i++) {
      if (held[at + i] != w[i]) {
        return false;
      }
    }
    return true;
  }

  /** Puts entry {@code e} in the first free slot of its probe run. */
  private void claim(int e) {
    int mask = table.length - 1;
    int s = home(words, e * STRIDE, mask);
    while (table[s] != 0) {
      s = (s + 1) & mask;
    }
    table[s] = e + 1;
  }

  /** Frees slot {@code s}, shifting back the entries of its probe run (no tombstones). */
  private void delete(int s) {
    int mask = table.length - 1;
    int gap = s;
    for (int j = (s + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
      int home = home(words, (table[j] - 1) * STRIDE, mask);
      // Move j into the gap unless its home lies cyclically in (gap, j].
      boolean stays = gap <= j ? (home > gap && home <= j) : (home > gap || home <= j);
      if (!stays) {
        table[gap] = table[j];
        gap = j;
      }
    }
    table[gap] = 0;
  }
}
