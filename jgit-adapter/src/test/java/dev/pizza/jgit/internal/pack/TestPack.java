package dev.pizza.jgit.internal.pack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/**
 * A pack written byte by byte for tests: entries (header and data) in pack order, ids in that order
 * ({@link #id}), offset and reference deltas onto earlier or any entries; {@link #open} writes it
 * with its index and opens it as a {@link Pack}.
 */
final class TestPack {
  /** The pack's objects, as raw entries (header and data), in pack order. */
  private final List<byte[]> entries = new ArrayList<>();

  int size() {
    return entries.size();
  }

  void add(byte[] entry) {
    entries.add(entry);
  }

  /** An offset delta onto the entry {@code back} entries before this one. */
  byte[] ofsDelta(int back, byte[] delta) throws IOException {
    long offset = 12;
    for (byte[] e : entries) {
      offset += e.length;
    }
    long base = 12;
    for (int i = 0; i < entries.size() - back; i++) {
      base += entries.get(i).length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header(org.eclipse.jgit.lib.Constants.OBJ_OFS_DELTA, delta.length));
    out.write(offsetBytes(offset - base));
    out.write(deflate(delta));
    return out.toByteArray();
  }

  /** A reference delta onto the entry at index {@code base} (its id is {@link #id}). */
  static byte[] refDelta(int base, byte[] delta) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header(org.eclipse.jgit.lib.Constants.OBJ_REF_DELTA, delta.length));
    for (int w : id(base)) {
      out.write(new byte[] {(byte) (w >>> 24), (byte) (w >>> 16), (byte) (w >>> 8), (byte) w});
    }
    out.write(deflate(delta));
    return out.toByteArray();
  }

  /** git's offset encoding of a delta's distance back to its base. */
  private static byte[] offsetBytes(long back) {
    byte[] buf = new byte[10];
    int pos = buf.length - 1;
    buf[pos] = (byte) (back & 0x7f);
    while ((back >>>= 7) != 0) {
      buf[--pos] = (byte) (0x80 | (--back & 0x7f));
    }
    return Arrays.copyOfRange(buf, pos, buf.length);
  }

  /** An entry of {@code type} declaring {@code size}, with deflated {@code data}. */
  static byte[] entry(int type, long size, byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header(type, size));
    out.write(data);
    return out.toByteArray();
  }

  private static byte[] header(int type, long size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int c = (type << 4) | (int) (size & 15);
    size >>>= 4;
    while (size != 0) {
      out.write(c | 0x80);
      c = (int) (size & 0x7f);
      size >>>= 7;
    }
    out.write(c);
    return out.toByteArray();
  }

  static byte[] deflate(byte[] data) {
    Deflater d = new Deflater();
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 << 10];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A delta instruction copying {@code n} bytes (at most 2^24 - 1) of its base from {@code offset}.
   */
  static byte[] copy(int offset, int n) {
    ByteArrayOutputStream args = new ByteArrayOutputStream();
    int cmd = 0x80;
    for (int i = 0; i < 4; i++) {
      if (((offset >>> (8 * i)) & 0xff) != 0) {
        cmd |= 1 << i;
        args.write(offset >>> (8 * i));
      }
    }
    for (int i = 0; i < 3; i++) {
      if (((n >>> (8 * i)) & 0xff) != 0) {
        cmd |= 0x10 << i;
        args.write(n >>> (8 * i));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(cmd);
    out.writeBytes(args.toByteArray());
    return out.toByteArray();
  }

  /** A delta's variable-length size. */
  static byte[] varint(long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (v >= 0x80) {
      out.write((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
    return out.toByteArray();
  }

  /** The id of the entry at index {@code i}: ids in pack order are sorted too. */
  static int[] id(int i) {
    return new int[] {i + 1, 0, 0, 0, 0};
  }

  /**
   * Writes the pack (its checksum zeros, as the index says) and its index into {@code dir}, and
   * opens them with a cache of {@code cacheBytes}.
   */
  Pack open(Path dir, long cacheBytes) throws IOException {
    Path idxFile = write(dir);
    return Pack.open(
        idxFile,
        dir.resolve("pack-test.pack"),
        ObjectFormat.SHA1,
        PackData.SEGMENT,
        PackData.OVERLAP,
        new ObjectCache(cacheBytes),
        0);
  }

  /** Writes the pack and its index into {@code dir} as {@code pack-test}; returns the index. */
  Path write(Path dir) throws IOException {
    ByteArrayOutputStream pack = new ByteArrayOutputStream();
    pack.write(new byte[] {'P', 'A', 'C', 'K', 0, 0, 0, 2});
    int n = entries.size();
    pack.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    int[][] ids = new int[n][];
    long[] offsets = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = id(i);
      offsets[i] = pack.size();
      pack.write(entries.get(i));
    }
    pack.write(new byte[20]);
    Path idxFile = dir.resolve("pack-test.idx");
    Files.write(dir.resolve("pack-test.pack"), pack.toByteArray());
    Files.write(idxFile, PackIndexLookupProperties.indexBytes(ids, offsets));
    return idxFile;
  }
}
