package dev.pizza.jgit.internal.pack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the zlib data of one pack's objects ({@link Pack}) into arrays: from the mapped window
 * where the data starts, or, where it runs past the window's overlap, from pieces read through the
 * channel. Not thread safe; one per pack, reused for every object.
 */
final class PackInflater implements AutoCloseable {
  private final PackData pack;
  private final Path packFile;
  private final PackIndex index;
  private final Inflater inflater = new Inflater();

  /** Room for a byte past an object's declared size, to find data longer than it. */
  private final byte[] extra = new byte[1];

  PackInflater(PackData pack, Path packFile, PackIndex index) {
    this.pack = pack;
    this.packFile = packFile;
    this.index = index;
  }

  /**
   * The size above which an object's data is measured, up to the next object in the pack, before
   * its array is asked for: its header is checked against the rest of the pack only ({@link
   * ObjectHeader}), which lets an object early in a large pack declare up to 2 GB. Scanning the
   * index costs little beside inflating as many bytes.
   */
  private static final int MEASURED = 16 << 20;

  /**
   * Inflates the first {@code size} bytes of the data at {@code at} into an array {@code into}
   * gives; if {@code whole}, the data must end there, as git requires.
   */
  byte[] inflate(long at, int size, boolean whole, ObjectSource.Buffers into) throws IOException {
    if (size > MEASURED
        && size > (index.following(at, pack.length()) - at) * ObjectHeader.MAX_INFLATION) {
      throw new IOException(
          "object size " + size + " larger than its data can hold at " + at + " in " + packFile);
    }
    byte[] out = into.take(size);
    if (inflateFrom(pack.window(at), at, out, size, whole)) {
      return out;
    }
    if (pack.windowIsCut(at)) {
      // The data runs past the mapped overlap: read it through the channel, in growing pieces.
      for (long want = 2L * pack.window(at).remaining(); ; want *= 2) {
        int n = (int) Math.min(Integer.MAX_VALUE - 8L, want);
        ByteBuffer piece = pack.read(at, n);
        if (inflateFrom(piece, at, out, size, whole)) {
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
   * Inflates {@code size} bytes from {@code in} into {@code out}; returns false if {@code in} ran
   * out first (the caller may retry with more), throws if the data is corrupt or, if {@code whole},
   * holds more than {@code size} bytes.
   */
  private boolean inflateFrom(ByteBuffer in, long at, byte[] out, int size, boolean whole)
      throws IOException {
    inflater.reset();
    inflater.setInput(in);
    int n = 0;
    try {
      while (n < size) {
        int r = inflater.inflate(out, n, size - n);
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
      if (whole && !inflater.finished()) {
        if (inflater.inflate(extra) != 0) {
          throw new IOException("object data longer than its size at " + at + " in " + packFile);
        }
        if (!inflater.finished()) {
          if (inflater.needsInput()) {
            return false;
          }
          throw new IOException("truncated object data at " + at + " in " + packFile);
        }
      }
    } catch (DataFormatException e) {
      throw new IOException("corrupt object data at " + at + " in " + packFile, e);
    }
    return true;
  }

  @Override
  public void close() {
    inflater.end();
  }
}
