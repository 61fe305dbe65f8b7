package dev.pizza.jgit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One pack file and its version-2 index, both memory-mapped read only: looking an object up is a
 * binary search in the mapped index, so the index never lands on the Java heap (JGit keeps about 28
 * bytes per object of every index it opens). The pack itself is mapped in segments ({@link
 * PackData}), so its size is not limited. Reads resolve offset and reference deltas with a small
 * cache of recent bases. An index larger than 2 GiB, or of another version, is refused ({@link
 * UnsupportedPackException}) and the caller falls back to JGit's reader. Not thread safe.
 */
final class Pack implements AutoCloseable {
  private static final int IDX_MAGIC = 0xff744f63;
  private static final int FANOUT = 8;
  private static final int NAMES = FANOUT + 256 * 4;
  private static final long MAX_CACHED_BYTES = 8L << 20;

  private final Path packFile;
  private final MappedByteBuffer idx;
  private final PackData pack;
  private final int count;
  private final int offsetsAt;
  private final int largeOffsetsAt;
  private final long packLength;
  private final Inflater inflater = new Inflater();
  private final Map<Long, Cached> bases = new LinkedHashMap<>(256, 0.75f, true);
  private long cachedBytes;
  private int lastType;

  private record Cached(int type, byte[] data) {}

  /** Thrown for a pack this reader does not handle; the caller uses JGit's reader instead. */
  static final class UnsupportedPackException extends IOException {
    private static final long serialVersionUID = 1L;

    UnsupportedPackException(String message) {
      super(message);
    }
  }

  private Pack(Path packFile, MappedByteBuffer idx, PackData pack) throws IOException {
    this.packFile = packFile;
    this.idx = idx;
    this.pack = pack;
    if (idx.capacity() < NAMES + 40 || idx.getInt(0) != IDX_MAGIC || idx.getInt(4) != 2) {
      throw new UnsupportedPackException("not a version 2 pack index: " + packFile);
    }
    this.count = idx.getInt(NAMES - 4);
    long need = (long) NAMES + (long) count * 28 + 40;
    if (count < 0 || need > idx.capacity()) {
      throw new IOException("truncated pack index of " + packFile);
    }
    this.offsetsAt = NAMES + count * 24;
    this.largeOffsetsAt = NAMES + count * 28;
    this.packLength = pack.length();
    if (packLength < 32 || pack.getInt(0) != 0x5041434b) {
      throw new IOException("not a pack file: " + packFile);
    }
  }

  static Pack open(Path idxFile, Path packFile) throws IOException {
    return open(idxFile, packFile, PackData.SEGMENT, PackData.OVERLAP);
  }

  /** Opens with chosen pack segment sizes (see {@link PackData}); tests use small ones. */
  static Pack open(Path idxFile, Path packFile, long segment, int overlap) throws IOException {
    MappedByteBuffer idx;
    try (FileChannel ic = FileChannel.open(idxFile, StandardOpenOption.READ)) {
      if (ic.size() > Integer.MAX_VALUE) {
        throw new UnsupportedPackException("pack index larger than 2 GiB: " + idxFile);
      }
      idx = ic.map(FileChannel.MapMode.READ_ONLY, 0, ic.size());
    }
    PackData data = PackData.open(packFile, segment, overlap);
    try {
      return new Pack(packFile, idx, data);
    } catch (IOException | RuntimeException e) {
      data.close();
      throw e;
    }
  }

  int count() {
    return count;
  }

  /**
   * Returns the index position of the id in {@code w[off..off+4]}, or -1.
   *
   * <p>Ids are uniformly distributed, so the search first guesses the position from the id's
   * leading bits, then gallops outwards from the guess and finishes with a binary search in the
   * bracket found. The guess is usually off by a few dozen entries, so the probes stay within a few
   * cache lines of the mapped index, where a plain binary search of a large index would take
   * fifteen or more probes spread across it, each a cache miss.
   */
  int find(int[] w, int off) {
    int first = w[off] >>> 24;
    int lo = first == 0 ? 0 : idx.getInt(FANOUT + (first - 1) * 4);
    int end = idx.getInt(FANOUT + first * 4); // exclusive
    int n = end - lo;
    if (n <= 0) {
      return -1;
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
   * The 32 bits of an id after its first byte, unsigned: where it falls within its fan-out bucket.
   */
  private static long fraction(int w0, int w1) {
    return (((long) w0 & 0xffffffL) << 8) | (w1 >>> 24);
  }

  private int compareAt(int position, int[] w, int off) {
    int at = NAMES + position * 20;
    for (int i = 0; i < 5; i++) {
      int c = Integer.compareUnsigned(idx.getInt(at + i * 4), w[off + i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  ObjectId id(int position) {
    int at = NAMES + position * 20;
    return new ObjectId(
        idx.getInt(at),
        idx.getInt(at + 4),
        idx.getInt(at + 8),
        idx.getInt(at + 12),
        idx.getInt(at + 16));
  }

  private long offset(int position) {
    int v = idx.getInt(offsetsAt + position * 4);
    if (v >= 0) {
      return v;
    }
    return idx.getLong(largeOffsetsAt + (v & 0x7fffffff) * 8);
  }

  /**
   * Returns the content of the object at index {@code position}; its type is {@link #lastType()}.
   */
  byte[] read(int position) throws IOException {
    return load(offset(position));
  }

  /**
   * Returns the first {@code max} bytes of the object at index {@code position} (all of it when it
   * is shorter, or stored as a delta); its type is {@link #lastType()}. Inflating a commit's first
   * lines costs a fraction of the whole.
   */
  byte[] readHead(int position, int max) throws IOException {
    return load(offset(position), max);
  }

  /** The type of the object last returned by {@link #read}. */
  int lastType() {
    return lastType;
  }

  private byte[] load(long offset) throws IOException {
    return load(offset, Integer.MAX_VALUE);
  }

  private byte[] load(long offset, int max) throws IOException {
    if (offset < 12 || offset >= packLength - 20) {
      throw new IOException("object offset " + offset + " outside " + packFile);
    }
    long p = offset;
    int c = pack.get(p++) & 0xff;
    int type = (c >> 4) & 7;
    long size = c & 15;
    int shift = 4;
    while ((c & 0x80) != 0) {
      c = pack.get(p++) & 0xff;
      size += (long) (c & 0x7f) << shift;
      shift += 7;
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new UnsupportedPackException("object too large at " + offset + " in " + packFile);
    }
    switch (type) {
      case Constants.OBJ_COMMIT, Constants.OBJ_TREE, Constants.OBJ_BLOB, Constants.OBJ_TAG -> {
        lastType = type;
        return inflate(p, (int) Math.min(size, max));
      }
      case 6 -> {
        c = pack.get(p++) & 0xff;
        long back = c & 0x7f;
        while ((c & 0x80) != 0) {
          back += 1;
          c = pack.get(p++) & 0xff;
          back = (back << 7) + (c & 0x7f);
        }
        byte[] delta = inflate(p, (int) size);
        return resolve(offset - back, delta);
      }
      case 7 -> {
        int[] w = new int[5];
        for (int i = 0; i < 5; i++) {
          w[i] = pack.getInt(p + i * 4);
        }
        p += 20;
        int base = find(w, 0);
        if (base < 0) {
          throw new UnsupportedPackException("reference delta base outside " + packFile);
        }
        byte[] delta = inflate(p, (int) size);
        return resolve(offset(base), delta);
      }
      default ->
          throw new IOException("bad object type " + type + " at " + offset + " in " + packFile);
    }
  }

  private byte[] resolve(long baseOffset, byte[] delta) throws IOException {
    Cached base = bases.get(baseOffset);
    if (base == null) {
      byte[] data = load(baseOffset);
      base = new Cached(lastType, data);
      bases.put(baseOffset, base);
      cachedBytes += data.length;
      var it = bases.values().iterator();
      while (cachedBytes > MAX_CACHED_BYTES && it.hasNext()) {
        cachedBytes -= it.next().data().length;
        it.remove();
      }
    }
    lastType = base.type();
    return Delta.apply(base.data(), delta);
  }

  private byte[] inflate(long at, int size) throws IOException {
    byte[] out = new byte[size];
    if (inflateFrom(pack.window(at), at, out)) {
      return out;
    }
    if (pack.windowIsCut(at)) {
      // The data runs past the mapped overlap: read it through the channel, in growing pieces.
      for (long want = 2L * pack.window(at).remaining(); ; want *= 2) {
        int n = (int) Math.min(Integer.MAX_VALUE - 8L, want);
        ByteBuffer piece = pack.read(at, n);
        if (inflateFrom(piece, at, out)) {
          return out;
        }
        if (piece.limit() < n || n == Integer.MAX_VALUE - 8) {
          break;
        }
      }
    }
    throw new IOException("truncated object data at " + at + " in " + packFile);
  }

  /**
   * Inflates {@code out.length} bytes from {@code in}; returns false if {@code in} ran out first
   * (the caller may retry with more), throws if the data is corrupt.
   */
  private boolean inflateFrom(ByteBuffer in, long at, byte[] out) throws IOException {
    inflater.reset();
    inflater.setInput(in);
    int n = 0;
    try {
      while (n < out.length) {
        int r = inflater.inflate(out, n, out.length - n);
        if (r == 0) {
          if (inflater.needsInput()) {
            return false;
          }
          if (inflater.finished() || inflater.needsDictionary()) {
            throw new IOException("truncated object data at " + at + " in " + packFile);
          }
        }
        n += r;
      }
    } catch (DataFormatException e) {
      throw new IOException("corrupt object data at " + at + " in " + packFile, e);
    }
    return true;
  }

  @Override
  public void close() {
    pack.close();
    inflater.end();
    bases.clear();
  }
}
