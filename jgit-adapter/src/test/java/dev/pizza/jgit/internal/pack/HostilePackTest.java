package dev.pizza.jgit.internal.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packs written byte by byte with what native git refuses (or reads) and a careless reader trips
 * on: each read either gives what git gives or fails with an {@link IOException}, never an {@link
 * OutOfMemoryError}, {@link StackOverflowError} or an index out of bounds.
 */
class HostilePackTest {
  @TempDir Path tmp;

  /** The pack's objects, as raw entries (header and data), in pack order. */
  private final List<byte[]> entries = new ArrayList<>();

  @Test
  void declaredSizeOfGigabytes_isRefusedBeforeAllocatingIt_notAnOutOfMemoryError()
      throws Exception {
    add(entry(Constants.OBJ_BLOB, Integer.MAX_VALUE - 100, deflate(bytes("tiny"))));
    assertReadFails(0);
  }

  @Test
  void inflatedStreamLongerThanDeclared_isRefused_notCutToTheDeclaredSize() throws Exception {
    add(entry(Constants.OBJ_BLOB, 3, deflate(bytes("hello"))));
    assertReadFails(0);
  }

  @Test
  void inflatedStreamShorterThanDeclared_isRefused() throws Exception {
    add(entry(Constants.OBJ_BLOB, 9, deflate(bytes("hello"))));
    assertReadFails(0);
  }

  @Test
  void reservedObjectTypes_areRefused() throws Exception {
    add(entry(0, 5, deflate(bytes("hello"))));
    add(entry(5, 5, deflate(bytes("hello"))));
    assertReadFails(0);
    assertReadFails(1);
  }

  @Test
  void offsetDeltaOntoItself_isRefused_notAStackOverflow() throws Exception {
    add(entry(Constants.OBJ_BLOB, 5, deflate(bytes("hello"))));
    add(ofsDelta(0, copyAll(5)));
    assertReadFails(1);
  }

  @Test
  void referenceDeltaOntoItself_isRefused_notAStackOverflow() throws Exception {
    add(refDelta(0, copyAll(5)));
    assertReadFails(0);
  }

  @Test
  void referenceDeltasInACycle_areRefused_notAStackOverflow() throws Exception {
    add(refDelta(1, copyAll(5)));
    add(refDelta(0, copyAll(5)));
    assertReadFails(0);
  }

  @Test
  void deltaChainTensOfThousandsDeep_readsAsGitReadsIt_notAStackOverflow() throws Exception {
    add(entry(Constants.OBJ_BLOB, 5, deflate(bytes("hello"))));
    for (int i = 1; i < 50_000; i++) {
      add(ofsDelta(1, copyAll(5)));
    }
    try (Pack pack = open()) {
      ObjectSource.Typed t = pack.read(entries.size() - 1, 0);
      assertThat(t.type()).isEqualTo(Constants.OBJ_BLOB);
      assertThat(new String(t.data(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }
  }

  @Test
  void deltaCopyPastTheEndOfTheInt_isRefused_notAnIndexOutOfBounds() throws Exception {
    add(entry(Constants.OBJ_BLOB, 5, deflate(bytes("hello"))));
    // copy 16 bytes from offset 0x7fffffff: the end of the copy overflows an int
    add(ofsDelta(1, new byte[] {5, 16, (byte) 0x9f, -1, -1, -1, 0x7f, 16}));
    assertReadFails(1);
  }

  @Test
  void deltaCutInsideAnInstruction_isRefused_notAnIndexOutOfBounds() throws Exception {
    add(entry(Constants.OBJ_BLOB, 5, deflate(bytes("hello"))));
    add(ofsDelta(1, new byte[] {5, 5, (byte) 0x91, 0})); // the size byte is missing
    add(ofsDelta(2, new byte[] {5})); // the result size is missing
    assertReadFails(1);
    assertReadFails(2);
  }

  @Test
  void deltaInsertOfZeroBytes_isRefused() throws Exception {
    add(entry(Constants.OBJ_BLOB, 5, deflate(bytes("hello"))));
    add(ofsDelta(1, new byte[] {5, 5, 0, (byte) 0x90, 5}));
    assertReadFails(1);
  }

  /** A delta copying all {@code n} bytes of its base. */
  private static byte[] copyAll(int n) {
    return new byte[] {(byte) n, (byte) n, (byte) 0x90, (byte) n};
  }

  private void add(byte[] entry) {
    entries.add(entry);
  }

  /** An offset delta onto the entry {@code back} entries before this one. */
  private byte[] ofsDelta(int back, byte[] delta) throws IOException {
    long offset = 12;
    for (byte[] e : entries) {
      offset += e.length;
    }
    long base = 12;
    for (int i = 0; i < entries.size() - back; i++) {
      base += entries.get(i).length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header(Constants.OBJ_OFS_DELTA, delta.length));
    out.write(offsetBytes(offset - base));
    out.write(deflate(delta));
    return out.toByteArray();
  }

  /** A reference delta onto the entry at index {@code base} (its id is {@link #id}). */
  private static byte[] refDelta(int base, byte[] delta) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header(Constants.OBJ_REF_DELTA, delta.length));
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
    return java.util.Arrays.copyOfRange(buf, pos, buf.length);
  }

  private static byte[] entry(int type, long size, byte[] data) throws IOException {
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

  private static byte[] deflate(byte[] data) {
    Deflater d = new Deflater();
    d.setInput(data);
    d.finish();
    byte[] out = new byte[data.length + 64];
    int n = d.deflate(out);
    d.end();
    return java.util.Arrays.copyOf(out, n);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The id of the entry at index {@code i}: ids in pack order are sorted too. */
  private static int[] id(int i) {
    return new int[] {i + 1, 0, 0, 0, 0};
  }

  /** Writes the pack (its checksum zeros, as the index says) and its index, and opens them. */
  private Pack open() throws IOException {
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
    Path packFile = tmp.resolve("pack-hostile.pack");
    Path idxFile = tmp.resolve("pack-hostile.idx");
    Files.write(packFile, pack.toByteArray());
    Files.write(idxFile, PackIndexLookupProperties.indexBytes(ids, offsets));
    return Pack.open(
        idxFile,
        packFile,
        ObjectFormat.SHA1,
        PackData.SEGMENT,
        PackData.OVERLAP,
        new ObjectCache(1 << 20),
        0);
  }

  /** Both reads of the entry at index {@code i} fail with an {@link IOException}. */
  private void assertReadFails(int i) throws IOException {
    try (Pack pack = open()) {
      assertThatThrownBy(() -> pack.read(i, 0)).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> pack.read(i, Constants.OBJ_BLOB, byte[]::new))
          .isInstanceOf(IOException.class);
    }
  }
}
