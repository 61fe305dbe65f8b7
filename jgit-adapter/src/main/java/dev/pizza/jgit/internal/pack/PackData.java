package dev.pizza.jgit.internal.pack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of a pack file, memory-mapped in segments, so packs larger than the 2 GiB a single
 * mapping can hold (the Linux kernel's is several) are read like small ones. Segment {@code k}
 * starts at {@code k * segment} and reaches {@code overlap} bytes into the next one, so an object
 * header and the start of its data never straddle a boundary; the rare object whose compressed data
 * runs past the overlap is read through the channel instead (see {@link #read}). Not thread safe;
 * the channel stays open until {@link #close()}.
 */
public final class PackData implements AutoCloseable {
  public static final long SEGMENT = 1L << 30;
  public static final int OVERLAP = 1 << 26;

  private final FileChannel channel;
  private final MappedByteBuffer[] segments;

  /**
   * One view of each segment, moved for each {@link #window}: a line-stats bake asks for a window
   * per object, and a new slice each time was about 40 MB of the 1.6 GB a bake of 100k commits
   * allocates.
   */
  private final ByteBuffer[] views;

  private final long segment;
  private final long length;

  private PackData(FileChannel channel, long segment, int overlap) throws IOException {
    this.channel = channel;
    this.segment = segment;
    this.length = channel.size();
    int count = (int) Math.max(1, (length + segment - 1) / segment);
    this.segments = new MappedByteBuffer[count];
    this.views = new ByteBuffer[count];
    for (int k = 0; k < count; k++) {
      long start = k * segment;
      long size = Math.min(length - start, segment + overlap);
      segments[k] = channel.map(FileChannel.MapMode.READ_ONLY, start, size);
      views[k] = segments[k].duplicate();
    }
  }

  static PackData open(Path file) throws IOException {
    return open(file, SEGMENT, OVERLAP);
  }

  /** Opens with chosen segment sizes; tests use small ones to cross boundaries on small packs. */
  static PackData open(Path file, long segment, int overlap) throws IOException {
    if (segment > Integer.MAX_VALUE - (long) overlap || segment <= overlap) {
      throw new IllegalArgumentException("segment " + segment + " with overlap " + overlap);
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new PackData(channel, segment, overlap);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  long length() {
    return length;
  }

  byte get(long pos) {
    return segments[(int) (pos / segment)].get((int) (pos % segment));
  }

  int getInt(long pos) {
    int k = (int) (pos / segment);
    int local = (int) (pos % segment);
    MappedByteBuffer s = segments[k];
    if (local + 4 <= s.capacity()) {
      return s.getInt(local);
    }
    return (get(pos) & 0xff) << 24
        | (get(pos + 1) & 0xff) << 16
        | (get(pos + 2) & 0xff) << 8
        | (get(pos + 3) & 0xff);
  }

  /**
   * Returns the mapped bytes from {@code pos} to the end of the segment holding it: a view of the
   * segment positioned at {@code pos}, which the next call moves.
   */
  ByteBuffer window(long pos) {
    int k = (int) (pos / segment);
    int local = (int) (pos % segment);
    ByteBuffer v = views[k];
    return v.limit(v.capacity()).position(local);
  }

  /** Whether {@link #window(long)} at {@code pos} ends before the end of the file. */
  boolean windowIsCut(long pos) {
    int k = (int) (pos / segment);
    return k * segment + segments[k].capacity() < length;
  }

  /** Reads {@code n} bytes at {@code pos} (fewer at the end of the file) through the channel. */
  ByteBuffer read(long pos, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(n, length - pos));
    while (buf.hasRemaining()) {
      if (channel.read(buf, pos + buf.position()) < 0) {
        break;
      }
    }
    return buf.flip();
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Read only: nothing is lost.
    }
  }
}
