package dev.pizza.jgit.internal.pack;

import java.io.IOException;
import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * A version-2 pack index with ids of the repository's {@link ObjectFormat} (20 or 32 bytes),
 * memory-mapped read only: finds an object's index position by its id, and gives the id and pack
 * offset of a position. Looking an object up is a search in the mapped file, so the index does not
 * land on the Java heap (JGit keeps about 28 bytes per object of every index it opens), except for
 * one long per object once an index has served many lookups (see {@link #find}). An index larger
 * than 2 GiB, or of another version, is refused ({@link UnsupportedPackException}). Thread safe
 * once opened: the sources of one JVM share it ({@link SharedIndexes}).
 */
final class PackIndex {
  private static final int IDX_MAGIC = 0xff744f63;
  private static final int FANOUT = 8;
  private static final int NAMES = FANOUT + 256 * 4;

  private final Path idxFile;
  private final MappedByteBuffer idx;
  private final int idLength;
  private final int idWords;
  private final int count;
  private final int offsetsAt;
  private final int largeOffsetsAt;

  /** How many 64-bit offsets the index holds (the entries between the offsets and the trailer). */
  private final int largeOffsets;

  /**
   * The fan-out table: how many ids have a first byte up to each value. Copied out of the mapping
   * (1 KiB), as every lookup reads two of its entries.
   */
  private final int[] fanout = new int[256];

  /**
   * The first word of every id and the offset word of every object ({@link IndexTable}), once
   * {@link #find} has been called often enough; else null.
   */
  private volatile long @Nullable [] table;

  /** How many lookups were made before the {@link #table} was loaded (racy; a hint only). */
  private int lookups;

  private PackIndex(Path idxFile, ObjectFormat format, MappedByteBuffer idx) throws IOException {
    this.idxFile = idxFile;
    this.idx = idx;
    this.idLength = format.rawLength();
    this.idWords = format.words();
    // Names, a CRC and an offset per object; the pack's and the index's checksums at the end.
    int trailer = 2 * idLength;
    if (idx.capacity() < NAMES + trailer || idx.getInt(0) != IDX_MAGIC || idx.getInt(4) != 2) {
      throw new UnsupportedPackException("not a version 2 pack index: " + idxFile);
    }
    this.count = idx.getInt(NAMES - 4);
    long need = (long) NAMES + (long) count * (idLength + 8) + trailer;
    if (count < 0 || need > idx.capacity()) {
      throw new IOException("truncated pack index of " + idxFile);
    }
    this.offsetsAt = NAMES + count * (idLength + 4);
    this.largeOffsetsAt = NAMES + count * (idLength + 8);
    this.largeOffsets = (idx.capacity() - trailer - largeOffsetsAt) / 8;
    // Every lookup trusts the fan-out for its bucket's bounds: a corrupt one would send it past the
    // ids (an IndexOutOfBoundsException, or another object's offset), so it is checked once here.
    int previous = 0;
    for (int i = 0; i < 256; i++) {
      fanout[i] = idx.getInt(FANOUT + i * 4);
      if (fanout[i] < previous || fanout[i] > count) {
        throw new IOException("corrupt pack index (fan-out table) of " + idxFile);
      }
      previous = fanout[i];
    }
  }

  /** Maps {@code idxFile}, whose ids are in {@code format}. */
  static PackIndex open(Path idxFile, ObjectFormat format) throws IOException {
    try (FileChannel ic = FileChannel.open(idxFile, StandardOpenOption.READ)) {
      if (ic.size() > Integer.MAX_VALUE) {
        throw new UnsupportedPackException("pack index larger than 2 GiB: " + idxFile);
      }
      return new PackIndex(idxFile, format, ic.map(FileChannel.MapMode.READ_ONLY, 0, ic.size()));
    }
  }

  /**
   * Says whether this index was written for {@code pack}: whether the pack's checksum, its last
   * bytes, is the one the index's trailer names.
   */
  boolean describes(PackData pack) {
    int at = idx.capacity() - 2 * idLength;
    long packAt = pack.length() - idLength;
    for (int i = 0; i < idLength; i++) {
      if (idx.get(at + i) != pack.get(packAt + i)) {
        return false;
      }
    }
    return true;
  }

  /** Returns how many objects the index lists. */
  int count() {
    return count;
  }

  /**
   * Returns the index position of the id in {@code w[off..]} (the format's number of words), or -1.
   *
   * <p>Ids are uniformly distributed, so the search first guesses the position from the id's
   * leading bits, then gallops outwards from the guess and finishes with a binary search in the
   * bracket found. The guess is usually off by a few dozen entries, so the probes stay within a few
   * cache lines of the mapped index, where a plain binary search of a large index would take
   * fifteen or more probes spread across it, each a cache miss.
   *
   * <p>Each probe of the mapped file is a {@code ByteBuffer.getInt}, which costs far more than an
   * array read in a JVM that only has C1's code (as a short-lived CLI's), and a full walk makes one
   * lookup per parent. So once an index has served more lookups than one per {@link #TABLE_AFTER}
   * of its objects (about what loading the table costs), the first word of every id is copied into
   * a long array with the object's offset word beside it ({@link IndexTable}: 8 bytes per object;
   * one bulk copy) and searched there; the mapped file is then read only to confirm the rest of an
   * id whose first word matches. The offsets are copied, as each lookup is followed by a read of
   * the object's offset: a random read of a large mapped file costs several times one of a heap
   * array (a TLB miss as well as a cache miss; about 60 against 18 ns measured on the 16 MB index
   * of a 600k-object pack), and with the offsets on the heap a line-stats bake reads the mapped
   * index once per lookup.
   */
  int find(int[] w, int off) {
    int first = w[off] >>> 24;
    int lo = first == 0 ? 0 : fanout[first - 1];
    int end = fanout[first]; // exclusive
    int n = end - lo;
    if (n <= 0) {
      return -1;
    }
    long[] t = table;
    if (t == null && ++lookups > Math.max(MIN_LOOKUPS, count / TABLE_AFTER)) {
      t = loadTable();
    }
    if (t != null) {
      return findInTable(t, first, lo, end, w, off);
    }
    int guess = lo + (int) ((fraction(w[off], w[off + 1]) * n) >>> 32);
    int cmp = compareAt(guess, w, off);
    if (cmp == 0) {
      return guess;
    }
    int a;
    int b;
    if (cmp < 0) { // the id lies after the guess
      a = guess + 1;
      int step = 1;
      b = Math.min(end, a + step);
      while (b < end && compareAt(b - 1, w, off) < 0) {
        a = b;
        step <<= 1;
        b = Math.min(end, a + step);
      }
    } else { // before the guess
      b = guess;
      int step = 1;
      a = Math.max(lo, b - step);
      while (a > lo && compareAt(a, w, off) > 0) {
        b = a;
        step <<= 1;
        a = Math.max(lo, b - step);
      }
    }
    while (a < b) { // [a, b) holds the id if present
      int mid = (a + b) >>> 1;
      int c = compareAt(mid, w, off);
      if (c == 0) {
        return mid;
      } else if (c < 0) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return -1;
  }

  /**
   * Entries to either side of the first guess that {@link #touch} reads, a line ({@link
   * IndexTable#SCAN} entries) apart: the guess is usually off by a few dozen entries, so the
   * search's next probes land on lines beside it. 40 did no better, measured on the synthetic
   * 100k-commit history.
   */
  static final int REACH = 24;

  /**
   * Reads ahead, for the {@code count} ids of {@code words} words one after another in {@code ids},
   * what {@link #find} will read, if the {@link #table} is loaded, and writes the index position of
   * the first id with each id's first word into {@code candidates} (-1 where none has it, and
   * everywhere before the table is loaded); returns a value made of what it read, for the caller to
   * keep (so that the reads are made). First the lines about the entry where each search will first
   * look, in a loop whose reads depend on no read, so that the processor has several in flight at
   * once; then the searches, whose lines are then at hand; then, again in a loop of its own, the
   * rest of each candidate's id in the mapped file, which {@link #find} reads to confirm it.
   */
  long touch(int[] ids, int count, int words, int[] candidates) {
    long[] t = table;
    if (t == null) {
      java.util.Arrays.fill(candidates, 0, count, -1);
      return 0;
    }
    long sum = 0;
    for (int i = 0, off = 0; i < count; i++, off += words) {
      int w0 = ids[off];
      int first = w0 >>> 24;
      int lo = first == 0 ? 0 : fanout[first - 1];
      int n = fanout[first] - lo;
      if (n > 0) {
        int g = lo + (int) (((w0 & 0xffffffL) * n) >>> 24);
        int end = lo + n - 1;
        for (int d = -REACH; d <= REACH; d += IndexTable.SCAN) {
          sum += t[Math.max(lo, Math.min(end, g + d))];
        }
      }
    }
    for (int i = 0, off = 0; i < count; i++, off += words) {
      int key = ids[off];
      int first = key >>> 24;
      int lo = first == 0 ? 0 : fanout[first - 1];
      int end = fanout[first];
      int c = -1;
      if (end > lo) {
        long low = (long) first << 24;
        int k = IndexTable.lowerBound(t, lo, end, key, low, low + (1L << 24));
        if (k < end && IndexTable.firstWord(t[k]) == key) {
          c = k;
        }
      }
      candidates[i] = c;
    }
    for (int i = 0; i < count; i++) {
      int c = candidates[i];
      if (c >= 0) {
        sum += idx.getLong(NAMES + c * idLength + 4);
      }
    }
    return sum;
  }

  /** Lookups before a table is worth loading: never for a handful (a bake with nothing new). */
  private static final int MIN_LOOKUPS = 4096;

  /** The table is loaded after one lookup per this many objects. */
  static final int TABLE_AFTER = 64;

  /** Loads the {@link #table} once, whichever of the threads sharing the index asks first. */
  private synchronized long[] loadTable() {
    long[] loaded = table;
    if (loaded != null) {
      return loaded;
    }
    long[] t = new long[count];
    IntBuffer ints = idx.duplicate().order(java.nio.ByteOrder.BIG_ENDIAN).asIntBuffer();
    int chunk = 4096;
    int[] names = new int[chunk * idWords];
    int[] offsets = new int[chunk];
    for (int from = 0; from < count; from += chunk) {
      int k = Math.min(chunk, count - from);
      ints.get(NAMES / 4 + from * idWords, names, 0, k * idWords);
      ints.get(offsetsAt / 4 + from, offsets, 0, k);
      for (int i = 0; i < k; i++) {
        t[from + i] = IndexTable.entry(names[i * idWords], offsets[i]);
      }
    }
    table = t;
    return t;
  }

  /**
   * {@link #find} in {@code [lo, end)} of {@code t}, the bucket of the ids whose first byte is
   * {@code first}: the first entry whose first word is not below w[off] by {@link
   * IndexTable#lowerBound}, then the mapped file confirms the rest of the id of each entry with
   * that first word.
   */
  private int findInTable(long[] t, int first, int lo, int end, int[] w, int off) {
    int key = w[off];
    long low = (long) first << 24;
    int i = IndexTable.lowerBound(t, lo, end, key, low, low + (1L << 24));
    for (; i < end && IndexTable.firstWord(t[i]) == key; i++) {
      int c = compareAt(i, w, off, 1); // the first words are equal
      if (c == 0) {
        return i;
      } else if (c > 0) {
        break;
      }
    }
    return -1;
  }

  /**
   * The 32 bits of an id after its first byte, unsigned: where it falls within its fan-out bucket.
   */
  private static long fraction(int w0, int w1) {
    return (((long) w0 & 0xffffffL) << 8) | (w1 >>> 24);
  }

  private int compareAt(int position, int[] w, int off) {
    return compareAt(position, w, off, 0);
  }

  /**
   * Compares the id at {@code position} with {@code w[off..]} from word {@code from} on, two words
   * at a time: each read of the mapping is a call chain that C1 does not fold away.
   */
  private int compareAt(int position, int[] w, int off, int from) {
    int at = NAMES + position * idLength;
    int i = from;
    for (; i + 1 < idWords; i += 2) {
      long key = ((long) w[off + i] << 32) | (w[off + i + 1] & 0xffffffffL);
      int c = Long.compareUnsigned(idx.getLong(at + i * 4), key);
      if (c != 0) {
        return c;
      }
    }
    if (i < idWords) {
      return Integer.compareUnsigned(idx.getInt(at + i * 4), w[off + i]);
    }
    return 0;
  }

  /** Writes the id at index {@code position} as words into {@code out[off..]}. */
  void words(int position, int[] out, int off) {
    int at = NAMES + position * idLength;
    for (int i = 0; i < idWords; i++) {
      out[off + i] = idx.getInt(at + i * 4);
    }
  }

  /**
   * Where the object after the one holding {@code offset} starts: the least object offset above it,
   * or {@code end} if there is none. A scan of all the offsets, for the rare object large enough to
   * be measured so ({@link PackInflater}).
   */
  long following(long offset, long end) throws IOException {
    long next = end;
    for (int i = 0; i < count; i++) {
      long o = offset(i);
      if (o > offset && o < next) {
        next = o;
      }
    }
    return next;
  }

  /**
   * Returns where the object at index {@code position} starts in the pack file.
   *
   * @throws IOException if the index names a 64-bit offset it does not hold (a corrupt index)
   */
  long offset(int position) throws IOException {
    long[] t = table;
    int v = t != null ? IndexTable.offsetWord(t[position]) : idx.getInt(offsetsAt + position * 4);
    if (v >= 0) {
      return v;
    }
    int large = v & 0x7fffffff;
    if (large >= largeOffsets) {
      throw new IOException("corrupt pack index (64-bit offset " + large + ") of " + idxFile);
    }
    return idx.getLong(largeOffsetsAt + large * 8);
  }
}
