package dev.pizza.jgit.internal.pack;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * Byte ranges of an object's content produced without holding the object: how {@link ObjectPrefix}
 * reads the first bytes of a delta's result in bounded memory. A delta's instructions are read as a
 * stream ({@link #map}), only as far as the last byte wanted: an insert's bytes go straight to
 * their place in the output, a copy's become a range wanted of the base, whose total is never more
 * than the bytes wanted of the delta. At the bottom of the chain an object stored whole is read as
 * a stream ({@link #fill}) up to the last byte wanted of it, each wanted range copied out as it
 * passes. Checks what {@link Delta#apply} checks of the instructions it reads. Not thread safe.
 */
final class DeltaRanges {
  /**
   * The most ranges wanted of one object: some 80 bytes of memory each, held, sorted and copied,
   * where a delta of one-byte copies makes one for each byte wanted (a 16 MiB .mailmap: over 1 GB).
   * A read that needs more fails; git's copies are rarely shorter than 16 bytes, and the readers of
   * many first bytes (the .mailmap's) fall back to a whole read on failure.
   */
  static final int MAX_RANGES = 1 << 18;

  /** The piece of a whole object read at a time by {@link #fill}. */
  private static final int CHUNK = 64 << 10;

  /**
   * The ranges wanted of one object: {@code length} bytes from {@code start} of its content, to be
   * copied to {@code dest} of the output array.
   */
  static final class Wanted {
    private long[] start = new long[8];
    private int[] length = new int[8];
    private int[] dest = new int[8];
    private int count;

    /**
     * While {@link #cover} walks the content: the ranges begun and not yet ended are the first
     * {@code live}, those not begun from {@code next} on, in order of their start.
     */
    private int live;

    private int next;

    /** What {@link #cover} found: the parts of ranges an interval covers, as {@link #add} takes. */
    private long[] hitStart = new long[8];

    private int[] hitLength = new int[8];
    private int[] hitDest = new int[8];

    /** Adds a range; {@code length} may not be 0. */
    void add(long from, int n, int to) throws IOException {
      if (count == MAX_RANGES) {
        throw new IOException("delta chain in more than " + MAX_RANGES + " pieces");
      }
      if (count == start.length) {
        start = Arrays.copyOf(start, 2 * count);
        length = Arrays.copyOf(length, 2 * count);
        dest = Arrays.copyOf(dest, 2 * count);
      }
      start[count] = from;
      length[count] = n;
      dest[count++] = to;
    }

    int count() {
      return count;
    }

    void clear() {
      count = 0;
    }

    /**
     * The parts of the ranges that the interval {@code n} bytes from {@code from} covers, into
     * {@link #hitStart}, {@link #hitLength} and {@link #hitDest}; returns how many. The intervals
     * of a walk follow one another from 0, after a {@link #sort}. Each range is met once by each
     * interval it meets, and forgotten once it ends: a range met again by every interval while one
     * begun before it was unfinished made a walk over many overlapping ranges quadratic.
     */
    int cover(long from, long n) {
      long to = from + n;
      while (next < count && start[next] < to) {
        start[live] = start[next];
        length[live] = length[next];
        dest[live++] = dest[next++];
      }
      if (hitStart.length < live) {
        hitStart = new long[Math.max(live, 2 * hitStart.length)];
        hitLength = new int[hitStart.length];
        hitDest = new int[hitStart.length];
      }
      int hits = 0;
      int kept = 0;
      for (int j = 0; j < live; j++) {
        long s = Math.max(start[j], from);
        long e = Math.min(start[j] + length[j], to);
        if (s < e) {
          hitStart[hits] = s;
          hitLength[hits] = (int) (e - s);
          hitDest[hits++] = dest[j] + (int) (s - start[j]);
        }
        if (start[j] + length[j] > to) {
          start[kept] = start[j];
          length[kept] = length[j];
          dest[kept++] = dest[j];
        }
      }
      live = kept;
      return hits;
    }

    /** The end of the range that ends last. */
    long end() {
      long end = 0;
      for (int i = 0; i < count; i++) {
        end = Math.max(end, start[i] + length[i]);
      }
      return end;
    }

    /** Sorts the ranges by their start, so that a stream over the content meets them in turn. */
    void sort() {
      long[] keys = new long[count];
      for (int i = 0; i < count; i++) {
        keys[i] = start[i] << 32 | i; // starts are below 2^31: sizes are checked to fit an array
      }
      Arrays.sort(keys);
      long[] s = new long[count];
      int[] l = new int[count];
      int[] d = new int[count];
      for (int i = 0; i < count; i++) {
        int k = (int) keys[i];
        s[i] = start[k];
        l[i] = length[k];
        d[i] = dest[k];
      }
      System.arraycopy(s, 0, start, 0, count);
      System.arraycopy(l, 0, length, 0, count);
      System.arraycopy(d, 0, dest, 0, count);
      live = 0;
      next = 0;
    }
  }

  private DeltaRanges() {}

  /**
   * The result size a delta declares: its second size, read from the start of its data {@code
   * delta}.
   */
  static long resultSize(InputStream delta) throws IOException {
    varint(delta);
    return Delta.checkResultSize(varint(delta));
  }

  /**
   * Reads the delta {@code delta} as far as the ranges {@code want} of its result reach: copies the
   * inserted bytes they cover into {@code out}, and adds to {@code base} the ranges of the delta's
   * base its copies give them. Returns the base size the delta declares.
   *
   * @param resultSize the size the delta must declare for its result, or -1 if any
   */
  static long map(InputStream delta, long resultSize, Wanted want, byte[] out, Wanted base)
      throws IOException {
    long baseSize = varint(delta);
    long size = Delta.checkResultSize(varint(delta));
    if (resultSize >= 0 && size != resultSize) {
      throw new IOException(
          new DataFormatException("delta base size " + size + " != " + resultSize));
    }
    long end = want.end();
    if (end > size) {
      throw new IOException("corrupt delta: result " + size + " bytes, " + end + " wanted");
    }
    want.sort();
    byte[] insert = new byte[127];
    long o = 0;
    while (o < end) {
      int cmd = next(delta);
      long n;
      if ((cmd & 0x80) != 0) {
        long copyOffset = 0;
        for (int i = 0; i < 4; i++) {
          if ((cmd & (1 << i)) != 0) {
            copyOffset |= (long) next(delta) << (8 * i);
          }
        }
        n = 0;
        for (int i = 0; i < 3; i++) {
          if ((cmd & (0x10 << i)) != 0) {
            n |= (long) next(delta) << (8 * i);
          }
        }
        if (n == 0) {
          n = 0x10000;
        }
        if (copyOffset + n > baseSize || o + n > size) {
          throw new IOException("corrupt delta: copy out of range");
        }
        for (int h = 0, hits = want.cover(o, n); h < hits; h++) {
          base.add(copyOffset + want.hitStart[h] - o, want.hitLength[h], want.hitDest[h]);
        }
      } else if (cmd != 0) {
        n = cmd;
        if (delta.readNBytes(insert, 0, cmd) != cmd || o + n > size) {
          throw new IOException("corrupt delta: insert out of range");
        }
        for (int h = 0, hits = want.cover(o, n); h < hits; h++) {
          System.arraycopy(
              insert, (int) (want.hitStart[h] - o), out, want.hitDest[h], want.hitLength[h]);
        }
      } else {
        throw new IOException("corrupt delta: reserved instruction 0");
      }
      o += n;
    }
    return baseSize;
  }

  /**
   * Reads {@code whole}, an object's content, as far as the ranges {@code want} of it reach, and
   * copies them into {@code out}.
   */
  static void fill(InputStream whole, Wanted want, byte[] out) throws IOException {
    long end = want.end();
    want.sort();
    byte[] chunk = new byte[(int) Math.min(CHUNK, end)];
    long at = 0;
    while (at < end) {
      int n = whole.readNBytes(chunk, 0, (int) Math.min(chunk.length, end - at));
      if (n == 0) {
        throw new IOException("corrupt delta: copy out of range");
      }
      for (int h = 0, hits = want.cover(at, n); h < hits; h++) {
        System.arraycopy(
            chunk, (int) (want.hitStart[h] - at), out, want.hitDest[h], want.hitLength[h]);
      }
      at += n;
    }
  }

  /** The next byte of a delta, which a corrupt one may end before. */
  private static int next(InputStream delta) throws IOException {
    int c = delta.read();
    if (c < 0) {
      throw new IOException("corrupt delta: cut short");
    }
    return c;
  }

  /** A delta's variable-length size. */
  private static long varint(InputStream delta) throws IOException {
    long value = 0;
    int shift = 0;
    int c;
    do {
      if (shift > 56) {
        throw new IOException("corrupt delta: size too long");
      }
      c = next(delta);
      value |= (long) (c & 0x7f) << shift;
      shift += 7;
    } while ((c & 0x80) != 0);
    return value;
  }
}
