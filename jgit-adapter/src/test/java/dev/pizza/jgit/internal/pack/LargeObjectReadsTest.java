package dev.pizza.jgit.internal.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers that need an object's type, size or first bytes read no more of it: a ref naming a blob
 * of tens of megabytes, or a tag of one, is peeled on headers alone, and a blob beyond the
 * line-stats cut-off is read by its size and first bytes. Each was read whole before: a tag of a
 * 143 MB blob made a metadata bake at -Xmx100m die of OutOfMemoryError. Measured in bytes the
 * test's thread allocates, against a blob of {@link #BIG} bytes.
 */
class LargeObjectReadsTest {
  @TempDir Path objects;

  private static final int BIG = 24 << 20;

  /**
   * Half of {@link #BIG}: a read of the blob whole allocates all of it; one that holds no large
   * object allocates less than 100 KB, but for a first parse of a tag's id by JGit's parser, which
   * allocated 5.6 MB on this thread (again after other reads; not understood).
   */
  private static final long BOUNDED = BIG / 2;

  private static final String INSERTED = "a new first line\n";

  /** Pack entries: the blob whole, a delta of it (a line inserted first), a tag of the delta. */
  private static final int WHOLE = 0;

  private static final int DELTA = 1;
  private static final int TAG = 2;

  private byte[] big = new byte[0];
  private byte[] loose = new byte[20];

  @BeforeEach
  void writeObjects() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      line.append("line of a large text file ");
    }
    byte[] l = (line + "\n").getBytes(StandardCharsets.US_ASCII);
    big = new byte[BIG];
    for (int i = 0; i < BIG; i++) {
      big[i] = l[i % l.length];
    }
    TestPack written = new TestPack();
    written.add(TestPack.entry(Constants.OBJ_BLOB, BIG, TestPack.deflate(big)));
    ByteArrayOutputStream delta = new ByteArrayOutputStream();
    delta.writeBytes(TestPack.varint(BIG));
    delta.writeBytes(TestPack.varint(INSERTED.length() + (long) BIG));
    delta.write(INSERTED.length());
    delta.writeBytes(INSERTED.getBytes(StandardCharsets.US_ASCII));
    int half = BIG / 2;
    delta.writeBytes(TestPack.copy(0, half));
    delta.writeBytes(TestPack.copy(half, BIG - half));
    written.add(written.ofsDelta(1, delta.toByteArray()));
    byte[] tag =
        ("object "
                + Ids.hex(TestPack.id(DELTA), 0, 5)
                + "\ntype blob\ntag big\ntagger t <t@t> 0 +0000\n\nbig\n")
            .getBytes(StandardCharsets.US_ASCII);
    written.add(TestPack.entry(Constants.OBJ_TAG, tag.length, TestPack.deflate(tag)));
    written.write(Files.createDirectories(objects.resolve("pack")));
    // A loose blob, whose id no pack entry has.
    loose[0] = 0x70;
    String hex = Ids.hex(words(loose), 0, 5);
    Path file =
        Files.createDirectories(objects.resolve(hex.substring(0, 2))).resolve(hex.substring(2));
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    raw.writeBytes(("blob " + BIG + "\0").getBytes(StandardCharsets.US_ASCII));
    raw.writeBytes(big);
    Deflater d = new Deflater();
    d.setInput(raw.toByteArray());
    d.finish();
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    while (!d.finished()) {
      z.write(buf, 0, d.deflate(buf));
    }
    d.end();
    Files.write(file, z.toByteArray());
  }

  private static int[] words(byte[] raw) {
    int[] w = new int[5];
    for (int i = 0; i < 20; i++) {
      w[i / 4] |= (raw[i] & 0xff) << (24 - 8 * (i % 4));
    }
    return w;
  }

  @FunctionalInterface
  private interface Read {
    void run() throws IOException;
  }

  /** The bytes the calling thread allocates while running {@code read}. */
  private static long allocated(Read read) throws IOException {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    read.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  /** Opens the objects, their index's lookup table built (by a first lookup) before measuring. */
  private MappedObjects open() throws IOException {
    MappedObjects source =
        MappedObjects.open(objects, ObjectFormat.SHA1, MappedObjects.CACHE_BYTES);
    source.locate(TestPack.id(TAG), 0);
    return source;
  }

  @Test
  void refOrTagNamingALargeBlob_isPeeledOnHeadersAlone_notByReadingTheBlob() throws IOException {
    try (MappedObjects source = open()) {
      for (int[] id : new int[][] {TestPack.id(WHOLE), TestPack.id(DELTA), TestPack.id(TAG)}) {
        int[] w = Arrays.copyOf(id, ObjectFormat.MAX_WORDS);
        int[] peeled = new int[1];
        assertThat(allocated(() -> peeled[0] = ObjectSources.peelToCommit(source, w)))
            .as("peeling entry %d", id[0] - 1)
            .isLessThan(BOUNDED);
        assertThat(peeled[0]).isEqualTo(-1);
      }
      int pos = source.locate(TestPack.id(DELTA), 0);
      assertThat(source.type(pos)).isEqualTo(Constants.OBJ_BLOB);
    }
  }

  @Test
  void refNamingALargeLooseBlob_isPeeledOnItsHeader_notByReadingTheBlob() throws IOException {
    try (MappedObjects source = open()) {
      int[] w = Arrays.copyOf(words(loose), ObjectFormat.MAX_WORDS);
      assertThat(source.locate(w, 0)).isGreaterThanOrEqualTo(0);
      int[] peeled = new int[1];
      assertThat(allocated(() -> peeled[0] = ObjectSources.peelToCommit(source, w)))
          .isLessThan(BOUNDED);
      assertThat(peeled[0]).isEqualTo(-1);
    }
  }

  @Test
  void headOfALargeDelta_isReadByItsFirstBytes_notByApplyingTheDelta() throws IOException {
    try (MappedObjects source = open()) {
      int pos = source.locate(TestPack.id(DELTA), 0);
      byte[][] head = new byte[1][];
      assertThat(allocated(() -> head[0] = source.readHead(pos, Constants.OBJ_BLOB, 100)))
          .isLessThan(BOUNDED);
      assertThat(head[0]).startsWith(INSERTED.getBytes(StandardCharsets.US_ASCII));
      assertThat(head[0].length).isBetween(100, 100 + INSERTED.length() + BIG);
    }
  }

  @Test
  void blobBeyondTheCutOff_isReadByItsSizeAndFirstBytes_whetherWholeDeltaOrLoose()
      throws IOException {
    byte[] withLine = new byte[INSERTED.length() + BIG];
    System.arraycopy(
        INSERTED.getBytes(StandardCharsets.US_ASCII), 0, withLine, 0, INSERTED.length());
    System.arraycopy(big, 0, withLine, INSERTED.length(), BIG);
    try (MappedObjects source = open()) {
      int[][] ids = {TestPack.id(WHOLE), TestPack.id(DELTA), words(loose)};
      byte[][] contents = {big, withLine, big};
      for (int i = 0; i < ids.length; i++) {
        int pos = source.locate(ids[i], 0);
        byte[][] into = new byte[1][];
        long[] size = new long[1];
        assertThat(
                allocated(
                    () ->
                        size[0] =
                            source.readAtMost(
                                pos,
                                Constants.OBJ_BLOB,
                                8 << 20,
                                8000,
                                n -> into[0] = new byte[n])))
            .isLessThan(BOUNDED);
        assertThat(size[0]).isEqualTo(contents[i].length);
        assertThat(into[0]).isEqualTo(Arrays.copyOf(contents[i], 8000));
      }
    }
  }

  /**
   * A loose object whose header declares far more than its few deflated bytes can hold (2 GB here)
   * is refused as corrupt before an array of that size is asked for, as a packed one is.
   */
  @Test
  void looseObjectDeclaringMoreThanItsDataHolds_isRefused_notAllocated() throws IOException {
    byte[] liar = new byte[20];
    liar[0] = 0x71;
    String hex = Ids.hex(words(liar), 0, 5);
    Path file =
        Files.createDirectories(objects.resolve(hex.substring(0, 2))).resolve(hex.substring(2));
    Deflater d = new Deflater();
    d.setInput("blob 2000000000\0only a few bytes".getBytes(StandardCharsets.US_ASCII));
    d.finish();
    byte[] buf = new byte[256];
    int n = d.deflate(buf);
    d.end();
    Files.write(file, Arrays.copyOf(buf, n));
    try (MappedObjects source = open()) {
      int pos = source.locate(words(liar), 0);
      assertThat(
              allocated(
                  () -> {
                    assertThatThrownBy(() -> source.read(pos, Constants.OBJ_BLOB))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("corrupt loose object");
                    assertThatThrownBy(
                            () ->
                                source.readAtMost(
                                    pos, Constants.OBJ_BLOB, 8 << 20, 8000, byte[]::new))
                        .isInstanceOf(IOException.class);
                  }))
          .isLessThan(BOUNDED);
    }
  }

  /**
   * A loose object whose content runs past the size its header declares is refused by a whole read,
   * as git refuses it and as a packed object's longer data is, not cut to the size declared.
   */
  @Test
  void looseObjectLongerThanItsDeclaredSize_isRefused_notCutToIt() throws IOException {
    byte[] longer = new byte[20];
    longer[0] = 0x72;
    String hex = Ids.hex(words(longer), 0, 5);
    Path file =
        Files.createDirectories(objects.resolve(hex.substring(0, 2))).resolve(hex.substring(2));
    Files.write(file, TestPack.deflate("blob 3\0hello".getBytes(StandardCharsets.US_ASCII)));
    try (MappedObjects source = open()) {
      int pos = source.locate(words(longer), 0);
      assertThatThrownBy(() -> source.read(pos, Constants.OBJ_BLOB))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(
              () -> source.readAtMost(pos, Constants.OBJ_BLOB, 8 << 20, 8000, byte[]::new))
          .isInstanceOf(IOException.class);
    }
  }

  /**
   * A tree or commit id that names a large blob (a hostile tree entry, a commit's tree line) is
   * refused by the type in the headers, before the blob or its delta is inflated.
   */
  @Test
  void treeOrCommitReadOfALargeBlob_isRefusedByItsType_notAfterReadingIt() throws IOException {
    try (MappedObjects source = open()) {
      for (int[] id : new int[][] {TestPack.id(WHOLE), TestPack.id(DELTA)}) {
        int pos = source.locate(id, 0);
        assertThat(
                allocated(
                    () -> {
                      assertThatThrownBy(() -> source.read(pos, Constants.OBJ_TREE, byte[]::new))
                          .isInstanceOf(ObjectSource.WrongTypeException.class);
                      assertThatThrownBy(() -> source.read(pos, Constants.OBJ_COMMIT))
                          .isInstanceOf(ObjectSource.WrongTypeException.class);
                    }))
            .as("reading entry %d", id[0] - 1)
            .isLessThan(BOUNDED);
      }
    }
  }
}
