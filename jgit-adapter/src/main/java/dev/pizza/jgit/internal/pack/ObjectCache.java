package dev.pizza.jgit.internal.pack;

import dev.pizza.jgit.internal.pack.ObjectSource.Typed;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Resolved pack objects by pack and offset, bounded by their total size; one per {@link
 * MappedObjects}, shared by its packs. It holds the bases met while resolving delta chains, and the
 * trees and blobs read: git packs an older version of a file as a delta of a newer one, so a blob
 * read for one commit is the delta base of the version the next older commit reads, and a tree or
 * blob read once is often read again by the next commit's diff. Not thread safe.
 *
 * <p>The contents are copied into one arena, a ring of bytes that grows by doubling up to the bound
 * (keeping what it held) and then overwrites its oldest objects first; an object read again while
 * it is in the older half of the ring is copied to the front, so that an object read again before
 * half the ring was written after it stays, as with least-recently-used eviction of half the size.
 * A hit returns a copy. Held as one array, the cache costs the collector nothing: kept as separate
 * arrays, every cached object outlived several young collections and was copied by each (a
 * line-stats bake of 100,000 commits through a 32 MiB cache spent about 2 s in collections and
 * about 0.4 s with a 4 MiB one).
 */
final class ObjectCache {
  private static final int FIRST_ARENA = 1 << 16;

  /**
   * An arena that would grow past this fraction of the bound grows to the bound ({@link #grow}).
   */
  private static final int JUMP_FRACTION = 32;

  private static final int FIRST_ENTRIES = 1 << 8;
  private static final int MAX_ENTRIES = 1 << 22;

  private final int maxBytes;
  private byte[] arena = new byte[0];
  private int head;

  // The entries in the order they were written, a ring of sequence numbers first..next-1.
  private long first;
  private long next;
  private long[] keys = new long[0];
  private int[] offsets = new int[0];
  private int[] lengths = new int[0];
  private byte[] types = new byte[0];

  // Open addressing, linear probing, a key and where its newest entry lies side by side (one cache
  // line): the entry's arena offset, type and length ({@link #where}); -1 marks a free slot. A
  // look-up so reads one slot, where it read the slot and then the entry's three arrays (a cache
  // miss each in a cache of hundreds of thousands of objects).
  private long[] table = new long[0];

  /**
   * An entry's place in a slot: offset in the high half, type and length in the low (a length is at
   * most a quarter of the bound, under 2^29). The entries in the ring lie in disjoint ranges of the
   * arena, so the offset also tells the entry a slot points at.
   */
  private static long where(int offset, int type, int length) {
    return ((long) offset << 32) | ((long) type << 29) | length;
  }

  /** A cache of at most {@code maxBytes} of content; an object over a quarter of it is not kept. */
  ObjectCache(long maxBytes) {
    this.maxBytes = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
  }

  long maxBytes() {
    return maxBytes;
  }

  /** The key of the object at {@code offset} of the pack numbered {@code pack}. */
  static long key(int pack, long offset) {
    return ((long) pack << 44) | offset;
  }

  /** Returns a copy of the object cached under {@code key}, or null. */
  @Nullable Typed get(long key) {
    int e = find(key);
    if (e < 0) {
      return null;
    }
    int off = offset(e);
    return new Typed(type(e), Arrays.copyOfRange(arena, off, off + length(e)));
  }

  /**
   * Returns the entry of the object cached under {@code key} (its slot), or -1; its bytes are
   * {@link #arena()} from {@link #offset} for {@link #length}, until the next {@link #put} or
   * {@link #find}. An object in the older half of the ring is first copied to the front.
   */
  int find(long key) {
    int slot = slotOf(key);
    if (slot < 0) {
      return -1;
    }
    int off = offset(slot);
    int age = off < head ? head - off : head + arena.length - off; // bytes written since
    if (age > arena.length / 2) {
      store(key, type(slot), arena, off, length(slot)); // in the older half: keep it as the newest
      slot = slotOf(key);
    }
    return slot;
  }

  /**
   * Reads, changing nothing, the table slot where {@link #find} starts for each of {@code
   * keys[0..count)}, in a loop whose reads wait for nothing; returns a value made of them, for the
   * caller to keep (so that the reads are made).
   */
  long touch(long[] keys, int count) {
    if (table.length == 0) {
      return 0;
    }
    int mask = table.length - 1;
    long sum = 0;
    for (int i = 0; i < count; i++) {
      sum += table[home(keys[i], mask) + 1];
    }
    return sum;
  }

  /**
   * The place ({@link #where}) of {@code key}'s entry if it sits in the first slot where {@link
   * #find} looks, else -1; changes nothing.
   */
  long peek(long key) {
    if (table.length == 0) {
      return -1;
    }
    int s = home(key, table.length - 1);
    return table[s] == key ? table[s + 1] : -1;
  }

  byte[] arena() {
    return arena;
  }

  int offset(int entry) {
    return (int) (table[entry + 1] >>> 32);
  }

  int length(int entry) {
    return (int) table[entry + 1] & ((1 << 29) - 1);
  }

  int type(int entry) {
    return ((int) table[entry + 1] >>> 29) & 7;
  }

  /** Copies {@code object} into the cache under {@code key}. */
  void put(long key, Typed object) {
    put(key, object.type(), object.data(), object.data().length);
  }

  /** Copies the first {@code length} bytes of {@code data}, of {@code type}, under {@code key}. */
  void put(long key, int type, byte[] data, int length) {
    if (length <= maxBytes / 4) {
      store(key, type, data, 0, length);
    }
  }

  /**
   * Copies {@code size} bytes of {@code src} from {@code from} to the front of the ring as the
   * newest entry; {@code src} may be the arena itself (an entry moved to the front).
   */
  private void store(long key, int type, byte[] src, int from, int size) {
    // An empty object takes a byte too: every entry then lies wholly behind the write position.
    int room = Math.max(1, size);
    if (head + room > arena.length || arena.length == 0) {
      if (arena.length < maxBytes) {
        grow(room);
      }
      if (head + room > arena.length) { // at the bound: wrap
        while (first < next && offsets[ring(first)] >= head) {
          evict(); // left over past the last write of the lap before: overwritten from now on
        }
        head = 0;
      }
    }
    while (first < next && offsets[ring(first)] < head + room && offsets[ring(first)] >= head) {
      evict();
    }
    if (next - first == keys.length) {
      if (keys.length < MAX_ENTRIES) {
        growEntries();
      } else {
        evict();
      }
    }
    System.arraycopy(src, from, arena, head, size); // as through a temporary copy if they overlap
    int i = ring(next);
    keys[i] = key;
    offsets[i] = head;
    lengths[i] = size;
    types[i] = (byte) type;
    claim(key, where(head, type, size));
    next++;
    head += room;
  }

  void clear() {
    arena = new byte[0];
    head = 0;
    first = 0;
    next = 0;
    keys = new long[0];
    offsets = new int[0];
    lengths = new int[0];
    types = new byte[0];
    table = new long[0];
  }

  /**
   * A larger arena, with the objects held so far: until the arena reaches its bound it is never
   * wrapped, so they lie from 0 to {@link #head} and keep their offsets. Dropping them instead cost
   * a resolution of whole delta chains again for each tree or blob read next whose base was held (a
   * line-stats bake grows each cache about nine times).
   *
   * <p>Past {@link #JUMP_FRACTION} of the bound it grows to the bound at once. Each doubling of a
   * large arena left the one before as garbage that had been promoted (no survivor space holds an
   * arena of megabytes), about 32 MB per cache, so the three caches of a line-stats bake filled the
   * old generation and forced a full collection in most bakes of the synthetic 100k-commit history
   * under {@code -Xmx256m}; with the jump none did, and the collector's thread used about 0.08 s
   * less CPU. A source that never holds more than that fraction (a small repository) still takes
   * only what it needs.
   */
  private void grow(int size) {
    long want = Math.max(FIRST_ARENA, 2L * arena.length);
    while (want < (long) head + size) {
      want *= 2;
    }
    if (want > maxBytes / JUMP_FRACTION) {
      want = maxBytes;
    }
    arena = Arrays.copyOf(arena, (int) Math.min(want, maxBytes));
  }

  private int ring(long seq) {
    return (int) seq & (keys.length - 1);
  }

  /** Drops the oldest entry, and its key unless a newer entry took it. */
  private void evict() {
    int i = ring(first);
    int slot = slotOf(keys[i]);
    if (slot >= 0 && offset(slot) == offsets[i]) {
      delete(slot);
    }
    first++;
  }

  private void growEntries() {
    int n = Math.max(FIRST_ENTRIES, 2 * keys.length);
    long[] k = new long[n];
    int[] o = new int[n];
    int[] l = new int[n];
    byte[] t = new byte[n];
    for (long s = first; s < next; s++) {
      int from = ring(s);
      int to = (int) s & (n - 1);
      k[to] = keys[from];
      o[to] = offsets[from];
      l[to] = lengths[from];
      t[to] = types[from];
    }
    keys = k;
    offsets = o;
    lengths = l;
    types = t;
    table = new long[4 * n];
    Arrays.fill(table, -1);
    for (long s = next - 1; s >= first; s--) { // the newest entry of a key holds it
      int i = ring(s);
      if (slotOf(keys[i]) < 0) {
        insert(keys[i], where(offsets[i], types[i], lengths[i]));
      }
    }
  }

  /** The first slot (an even index) of {@code key}'s probe run in a table of {@code mask + 1}. */
  private static int home(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return ((int) (h >>> 32) & mask) & ~1;
  }

  private int slotOf(long key) {
    if (table.length == 0) {
      return -1;
    }
    int mask = table.length - 1;
    for (int s = home(key, mask); ; s = (s + 2) & mask) {
      if (table[s + 1] < 0) {
        return -1;
      }
      if (table[s] == key) {
        return s;
      }
    }
  }

  /**
   * Points {@code key}'s slot at the entry at {@code where}, taking the first free slot of its
   * probe run if it has none: one walk of the run, where a look-up and then an insert walked it
   * twice (most objects stored were just missed, so the look-up walked the whole run for nothing).
   */
  private void claim(long key, long where) {
    int mask = table.length - 1;
    int s = home(key, mask);
    while (table[s + 1] >= 0 && table[s] != key) {
      s = (s + 2) & mask;
    }
    table[s] = key;
    table[s + 1] = where;
  }

  private void insert(long key, long where) {
    int mask = table.length - 1;
    int s = home(key, mask);
    while (table[s + 1] >= 0) {
      s = (s + 2) & mask;
    }
    table[s] = key;
    table[s + 1] = where;
  }

  /** Removes slot {@code s}, shifting back the entries of its probe run (no tombstones). */
  private void delete(int s) {
    int mask = table.length - 1;
    int gap = s;
    for (int j = (s + 2) & mask; table[j + 1] >= 0; j = (j + 2) & mask) {
      int home = home(table[j], mask);
      // Move j into the gap unless its home lies cyclically in (gap, j].
      boolean stays = gap <= j ? (home > gap && home <= j) : (home > gap || home <= j);
      if (!stays) {
        table[gap] = table[j];
        table[gap + 1] = table[j + 1];
        gap = j;
      }
    }
    table[gap + 1] = -1;
  }
}
