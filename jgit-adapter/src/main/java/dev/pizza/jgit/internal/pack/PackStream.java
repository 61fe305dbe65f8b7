package dev.pizza.jgit.internal.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The zlib data of one pack object ({@link Pack}) inflated as a stream, as far as its reader reads
 * and no further: for the readers that need an object's first bytes only ({@link ObjectPrefix}),
 * where {@link PackInflater} inflates into an array of the size asked for. Input is fed from the
 * mapped segments one after another, so data of any length streams. Ends at the object's declared
 * size; data that ends before it is refused. Not thread safe; one per pack, {@link #open reopened}
 * for each object.
 */
final class PackStream extends InputStream {
  private final PackData pack;
  private final Path packFile;
  private final Inflater inflater = new Inflater();
  private final byte[] one = new byte[1];

  /** Where the object's data starts, and the bytes of its declared size not yet read. */
  private long start;

  private long remaining;

  PackStream(PackData pack, Path packFile) {
    this.pack = pack;
    this.packFile = packFile;
  }

  /** Starts reading the object whose data starts at {@code at}, {@code size} bytes inflated. */
  PackStream open(long at, long size) {
    inflater.reset();
    start = at;
    remaining = size;
    return this;
  }

  @Override
  public int read() throws IOException {
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (remaining == 0) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int want = (int) Math.min(len, remaining);
    try {
      while (true) {
        int r = inflater.inflate(b, off, want);
        if (r > 0) {
          remaining -= r;
          return r;
        }
        if (inflater.finished() || inflater.needsDictionary()) {
          throw truncated();
        }
        if (inflater.needsInput()) {
          long next = start + inflater.getBytesRead();
          if (next >= pack.length()) {
            throw truncated();
          }
          // A slice: the segment's shared view moves on the next window anyone asks for.
          ByteBuffer window = pack.window(next).slice();
          if (!window.hasRemaining()) {
            throw truncated();
          }
          inflater.setInput(window);
        }
      }
    } catch (DataFormatException e) {
      throw new IOException("corrupt object data at " + start + " in " + packFile, e);
    }
  }

  private IOException truncated() {
    return new IOException("truncated object data at " + start + " in " + packFile);
  }

  @Override
  public void close() {
    inflater.end();
  }
}
