package dev.pizza.jgit.internal.pack;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;

/**
 * Reads the headers of one pack's objects ({@link Pack}): an object's type, its size (for a delta,
 * the size of the delta's own data), where its zlib data starts and, for a delta, the offset of its
 * base. Refuses what git refuses: an offset outside the pack, a reserved type, a base not before
 * its offset delta, a reference delta's base in another pack ({@link UnsupportedPackException}), a
 * declared size the pack's remaining bytes cannot hold. Not thread safe: holds what it read last.
 */
final class ObjectHeader {
  /**
   * The most any byte of deflated data inflates to, with room to spare: zlib's bound is 1032 to 1.
   * An object whose declared size its pack's remaining bytes cannot hold is corrupt, and is refused
   * before an array of that size is allocated.
   */
  static final long MAX_INFLATION = 1100;

  private final PackData pack;
  private final Path packFile;
  private final PackIndex index;
  private final int idLength;
  private final int idWords;
  private final long end;

  /** What {@link #read} read last: the object's size, where its data starts, a delta's base. */
  long size;

  long data;
  long base;

  ObjectHeader(PackData pack, Path packFile, PackIndex index, ObjectFormat format) {
    this.pack = pack;
    this.packFile = packFile;
    this.index = index;
    this.idLength = format.rawLength();
    this.idWords = format.words();
    this.end = pack.length() - idLength;
  }

  /** Whether the object at {@code offset} is a commit stored whole (not as a delta). */
  boolean isWholeCommit(long offset) {
    return offset >= 12 && offset < end && ((pack.get(offset) >> 4) & 7) == Constants.OBJ_COMMIT;
  }

  static boolean isDelta(int type) {
    return type == Constants.OBJ_OFS_DELTA || type == Constants.OBJ_REF_DELTA;
  }

  /**
   * Reads the header of the object at {@code offset} into {@link #size}, {@link #data} and, for a
   * delta, {@link #base}; returns its type.
   */
  int read(long offset) throws IOException {
    if (offset < 12 || offset >= end) {
      throw new IOException("object offset " + offset + " outside " + packFile);
    }
    long p = offset;
    int c = pack.get(p++) & 0xff;
    int type = (c >> 4) & 7;
    long size = c & 15;
    int shift = 4;
    while ((c & 0x80) != 0) {
      if (p >= end || shift > 56) {
        throw new IOException("bad object header at " + offset + " in " + packFile);
      }
      c = pack.get(p++) & 0xff;
      size += (long) (c & 0x7f) << shift;
      shift += 7;
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new UnsupportedPackException("object too large at " + offset + " in " + packFile);
    }
    switch (type) {
      case Constants.OBJ_COMMIT, Constants.OBJ_TREE, Constants.OBJ_BLOB, Constants.OBJ_TAG -> {}
      case Constants.OBJ_OFS_DELTA -> {
        // git's bounds: the base lies before the delta, and the distance fits in 63 bits.
        c = pack.get(p++) & 0xff;
        long back = c & 0x7f;
        while ((c & 0x80) != 0) {
          if (p >= end || back >= 1L << 56) {
            throw new IOException("bad delta base offset at " + offset + " in " + packFile);
          }
          back += 1;
          c = pack.get(p++) & 0xff;
          back = (back << 7) + (c & 0x7f);
        }
        if (back <= 0 || back >= offset) {
          throw new IOException("bad delta base offset at " + offset + " in " + packFile);
        }
        base = offset - back;
      }
      case Constants.OBJ_REF_DELTA -> {
        if (p + idLength > end) {
          throw new IOException("bad object header at " + offset + " in " + packFile);
        }
        int[] w = new int[idWords];
        for (int i = 0; i < idWords; i++) {
          w[i] = pack.getInt(p + i * 4);
        }
        p += idLength;
        int found = index.find(w, 0);
        if (found < 0) {
          throw new UnsupportedPackException("reference delta base outside " + packFile);
        }
        base = index.offset(found);
      }
      default ->
          throw new IOException("bad object type " + type + " at " + offset + " in " + packFile);
    }
    if (size > (end - p + 1) * MAX_INFLATION) {
      throw new IOException(
          "object size "
              + size
              + " larger than its data can hold at "
              + offset
              + " in "
              + packFile);
    }
    this.size = size;
    this.data = p;
    return type;
  }
}
