package dev.pizza.jgit.internal.pack;

import java.io.IOException;
import java.util.zip.DataFormatException;

/** Applies a git pack delta (copy and insert instructions) to its base. */
final class Delta {
  private Delta() {}

  static byte[] apply(byte[] base, byte[] delta) throws IOException {
    return apply(base, 0, base.length, delta);
  }

  /** The length of the result of {@code delta}, from its header (after the base's length). */
  static int resultSize(byte[] delta) throws IOException {
    return (int) varint(delta, varintEnd(delta, 0)); // after the base's length
  }

  /** A delta's declared result size, refused when no array can hold it. */
  static int checkResultSize(long resultSize) throws IOException {
    if (resultSize > Integer.MAX_VALUE - 16) {
      throw new IOException("delta result too large: " + resultSize);
    }
    return (int) resultSize;
  }

  /** The value of the variable-length size that starts at {@code p} of {@code delta}. */
  private static long varint(byte[] delta, int p) throws IOException {
    long value = 0;
    int shift = 0;
    int c;
    do {
      c = at(delta, p++);
      value |= (long) (c & 0x7f) << shift;
      shift += 7;
    } while ((c & 0x80) != 0);
    return value;
  }

  /** The index just past the variable-length size that starts at {@code p} of {@code delta}. */
  private static int varintEnd(byte[] delta, int p) throws IOException {
    while ((at(delta, p++) & 0x80) != 0) {
      // a continued byte
    }
    return p;
  }

  /** The byte at {@code p} of {@code delta}, which a corrupt delta may end before. */
  private static int at(byte[] delta, int p) throws IOException {
    if (p >= delta.length) {
      throw new IOException("corrupt delta: cut short");
    }
    return delta[p] & 0xff;
  }

  /**
   * Applies {@code delta} to the base held in {@code base} from {@code from} for {@code length}.
   */
  static byte[] apply(byte[] base, int from, int length, byte[] delta) throws IOException {
    return apply(base, from, length, delta, byte[]::new);
  }

  /**
   * Applies {@code delta} to the base held in {@code base} from {@code from} for {@code length},
   * into an array {@code out} gives for the result's length ({@link #resultSize}), from index 0.
   */
  static byte[] apply(byte[] base, int from, int length, byte[] delta, ObjectSource.Buffers out)
      throws IOException {
    long baseSize = varint(delta, 0);
    if (baseSize != length) {
      throw new IOException(
          new DataFormatException("delta base size " + baseSize + " != " + length));
    }
    int p = varintEnd(delta, 0);
    long resultSize = varint(delta, p);
    p = varintEnd(delta, p);
    int size = checkResultSize(resultSize);
    // Each byte of instructions makes at most what one copy can (its base, up to 2^24 - 1 bytes)
    // or an insert's 127: a larger result declared is refused before its array is asked for.
    if (resultSize > (long) (delta.length - p) * Math.max(127, Math.min(length, 0xffffff))) {
      throw new IOException("corrupt delta: result " + resultSize + " bytes declared");
    }
    byte[] into = out.take(size);
    if (into.length < size) {
      throw new IllegalStateException("buffer of " + into.length + " for " + size + " bytes");
    }
    int o = 0;
    while (p < delta.length) {
      int cmd = delta[p++] & 0xff;
      if ((cmd & 0x80) != 0) {
        if (p + Integer.bitCount(cmd & 0x7f) > delta.length) {
          throw new IOException("corrupt delta: copy instruction cut short");
        }
        int copyOffset = 0;
        if ((cmd & 0x01) != 0) copyOffset = delta[p++] & 0xff;
        if ((cmd & 0x02) != 0) copyOffset |= (delta[p++] & 0xff) << 8;
        if ((cmd & 0x04) != 0) copyOffset |= (delta[p++] & 0xff) << 16;
        if ((cmd & 0x08) != 0) copyOffset |= (delta[p++] & 0xff) << 24;
        int copySize = 0;
        if ((cmd & 0x10) != 0) copySize = delta[p++] & 0xff;
        if ((cmd & 0x20) != 0) copySize |= (delta[p++] & 0xff) << 8;
        if ((cmd & 0x40) != 0) copySize |= (delta[p++] & 0xff) << 16;
        if (copySize == 0) {
          copySize = 0x10000;
        }
        if (copyOffset < 0 || (long) copyOffset + copySize > length || o + copySize > size) {
          throw new IOException("corrupt delta: copy out of range");
        }
        System.arraycopy(base, from + copyOffset, into, o, copySize);
        o += copySize;
      } else if (cmd != 0) {
        if (p + cmd > delta.length || o + cmd > size) {
          throw new IOException("corrupt delta: insert out of range");
        }
        System.arraycopy(delta, p, into, o, cmd);
        p += cmd;
        o += cmd;
      } else {
        throw new IOException("corrupt delta: reserved instruction 0");
      }
    }
    if (o != size) {
      throw new IOException("corrupt delta: result " + o + " bytes, expected " + size);
    }
    return into;
  }
}
