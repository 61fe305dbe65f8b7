package dev.pizza.jgit.internal.pack;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.DataFormatException;

/**
 * An object of one pack ({@link Pack}) known by its headers and first bytes, without reading it
 * whole: its type (for a delta, its base's, down the chain's headers, nothing inflated), its size
 * (for a delta, the result size at the start of its data, only those bytes inflated) and its first
 * bytes (for a delta, by {@link DeltaRanges}: each delta of the chain read as far as the bytes
 * wanted of it reach, the object at the bottom inflated up to the last byte wanted of it and the
 * rest never). Memory stays bounded by the bytes asked for, whatever the object's size; the
 * processor's work by the part of each object read. For the readers that need no more: the type of
 * a ref's target, the binary probe and size of a blob beyond the line-stats cut-off. Bases the
 * {@link ObjectCache} holds are read from it. Not thread safe.
 */
final class ObjectPrefix implements AutoCloseable {
  private final ObjectHeader headers;
  private final PackStream stream;
  private final ObjectCache cache;
  private final int number;
  private final int count;
  private final Path packFile;

  /**
   * Reads through {@code headers} and the data of {@code pack}, and the bases that {@code cache}
   * holds under pack {@code number}, which has {@code count} objects.
   */
  ObjectPrefix(
      ObjectHeader headers,
      PackData pack,
      Path packFile,
      ObjectCache cache,
      int number,
      int count) {
    this.headers = headers;
    this.stream = new PackStream(pack, packFile);
    this.cache = cache;
    this.number = number;
    this.count = count;
    this.packFile = packFile;
  }

  /** The type of the object at {@code offset}: a delta's is its base's. */
  int type(long offset) throws IOException {
    long at = offset;
    for (int depth = 0; ; depth++) {
      int cached = cache.find(ObjectCache.key(number, at));
      if (cached >= 0) {
        return cache.type(cached);
      }
      int type = headers.read(at);
      if (!ObjectHeader.isDelta(type)) {
        return type;
      }
      at = headers.base;
      checkDepth(depth, offset);
    }
  }

  /** The size of the object at {@code offset}: a delta's is its result's. */
  long size(long offset) throws IOException {
    int cached = cache.find(ObjectCache.key(number, offset));
    if (cached >= 0) {
      return cache.length(cached);
    }
    int type = headers.read(offset);
    if (!ObjectHeader.isDelta(type)) {
      return headers.size;
    }
    return DeltaRanges.resultSize(stream.open(headers.data, headers.size));
  }

  /**
   * Copies the first {@code n} bytes of the object at {@code offset} into {@code out}; {@code n}
   * may not be more than its {@link #size}. Its {@link #type} is read first, which refuses a cycle
   * by the headers.
   */
  void read(long offset, byte[] out, int n) throws IOException {
    DeltaRanges.Wanted want = new DeltaRanges.Wanted();
    DeltaRanges.Wanted next = new DeltaRanges.Wanted();
    if (n > 0) {
      want.add(0, n, 0);
    }
    long at = offset;
    long size = -1; // the size the delta above declared for this object; -1 at the top
    for (int depth = 0; want.count() > 0; depth++) {
      int cached = cache.find(ObjectCache.key(number, at));
      if (cached >= 0) {
        checkSize(size, cache.length(cached));
        InputStream in =
            new ByteArrayInputStream(cache.arena(), cache.offset(cached), cache.length(cached));
        DeltaRanges.fill(in, want, out);
        return;
      }
      int type = headers.read(at);
      if (!ObjectHeader.isDelta(type)) {
        checkSize(size, headers.size);
        DeltaRanges.fill(stream.open(headers.data, headers.size), want, out);
        return;
      }
      long base = headers.base;
      InputStream delta = new BufferedInputStream(stream.open(headers.data, headers.size));
      next.clear();
      size = DeltaRanges.map(delta, size, want, out, next);
      DeltaRanges.Wanted t = want;
      want = next;
      next = t;
      at = base;
      checkDepth(depth, offset);
    }
  }

  /**
   * The type and the first {@code max} bytes (all if it is shorter) of the object at {@code
   * offset}. The type first: its walk down the headers tells a cycle before {@link #read} reads a
   * delta at each of as many steps as the pack has objects.
   */
  ObjectSource.Typed head(long offset, int max) throws IOException {
    int type = type(offset);
    int n = (int) Math.min(size(offset), max);
    byte[] head = new byte[n];
    read(offset, head, n);
    return new ObjectSource.Typed(type, head);
  }

  /** As {@link Delta#apply}: the base a delta declares is the size of the object it names. */
  private static void checkSize(long declared, long actual) throws IOException {
    if (declared >= 0 && declared != actual) {
      throw new IOException(
          new DataFormatException("delta base size " + declared + " != " + actual));
    }
  }

  /** A chain longer than the pack's objects is a cycle. */
  private void checkDepth(int depth, long offset) throws IOException {
    if (depth >= count) {
      throw new IOException("delta chain in a cycle at " + offset + " in " + packFile);
    }
  }

  @Override
  public void close() {
    stream.close();
  }
}
