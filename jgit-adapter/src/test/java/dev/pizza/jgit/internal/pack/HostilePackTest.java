package dev.pizza.jgit.internal.pack;

import static dev.pizza.jgit.internal.pack.TestPack.bytes;
import static dev.pizza.jgit.internal.pack.TestPack.deflate;
import static dev.pizza.jgit.internal.pack.TestPack.entry;
import static dev.pizza.jgit.internal.pack.TestPack.refDelta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

  private final TestPack written = new TestPack();

  @Test
  void declaredSizeOfGigabytes_isRefusedBeforeAllocatingIt_notAnOutOfMemoryError()
      throws Exception {
    add(entry(Constants.OBJ_BLOB, Integer.MAX_VALUE - 100, deflate(bytes("tiny"))));
    assertReadFails(0);
  }

  @Test
  void inflatedStreamLongerThanDeclared_isRefused_notCutToTheDeclaredSize() throws Exception {
    add(entry(Constants.OBJ_BLOB, 3, deflate(bytes("hello"))));
    assertWholeReadsFail(0); // the first bytes alone are read without looking past them
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
    assertTypeFails(0);
  }

  @Test
  void referenceDeltasInACycle_areRefused_notAStackOverflow() throws Exception {
    add(refDelta(1, copyAll(5)));
    add(refDelta(0, copyAll(5)));
    assertReadFails(0);
    assertTypeFails(0);
    assertTypeFails(0);
  }

  @Test
  void deltaChainTensOfThousandsDeep_readsAsGitReadsIt_notAStackOverflow() throws Exception {
    add(entry(Constants.OBJ_BLOB, 5, deflate(bytes("hello"))));
    for (int i = 1; i < 50_000; i++) {
      add(ofsDelta(1, copyAll(5)));
    }
    try (Pack pack = open()) {
      ObjectSource.Typed t = pack.read(written.size() - 1, 0);
      assertThat(t.type()).isEqualTo(Constants.OBJ_BLOB);
      assertThat(new String(t.data(), StandardCharsets.UTF_8)).isEqualTo("hello");
      byte[][] head = new byte[1][];
      long size =
          pack.readAtMost(
              written.size() - 1, Constants.OBJ_BLOB, -1, 3, n -> head[0] = new byte[n]);
      assertThat(size).isEqualTo(5);
      assertThat(new String(head[0], StandardCharsets.UTF_8)).isEqualTo("hel");
      assertThat(pack.type(written.size() - 1)).isEqualTo(Constants.OBJ_BLOB);
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

  /**
   * The first bytes of a delta whose copies ask for the same bytes of its base many times over (one
   * long copy, then as many one-byte copies of its start), the base itself made of one-byte
   * inserts: the ranges wanted of the base were scanned again for each of its instructions, all
   * those begun behind the long one unfinished, work of the long copy's length times the short
   * ones' number (a .mailmap of 16 MiB is read so), here some 10^11 steps; each range is now met
   * once per instruction it meets.
   */
  @Test
  void prefixOfOverlappingCopiesOverManySmallInstructions_isLinear_notQuadratic() throws Exception {
    int m = 1 << 20;
    int k = 1 << 17;
    byte[] bytes = new byte[m];
    for (int i = 0; i < m; i++) {
      bytes[i] = (byte) ('a' + i % 26);
    }
    add(entry(Constants.OBJ_BLOB, 1, deflate(bytes("x"))));
    java.io.ByteArrayOutputStream inserts = new java.io.ByteArrayOutputStream();
    inserts.writeBytes(TestPack.varint(1));
    inserts.writeBytes(TestPack.varint(m));
    for (int i = 0; i < m; i++) {
      inserts.write(1);
      inserts.write(bytes[i]);
    }
    add(ofsDelta(1, inserts.toByteArray()));
    java.io.ByteArrayOutputStream copies = new java.io.ByteArrayOutputStream();
    copies.writeBytes(TestPack.varint(m));
    copies.writeBytes(TestPack.varint((long) m + k));
    copies.writeBytes(TestPack.copy(0, m));
    for (int i = 0; i < k; i++) {
      copies.writeBytes(TestPack.copy(i, 1));
    }
    add(ofsDelta(1, copies.toByteArray()));
    byte[] expected = java.util.Arrays.copyOf(bytes, m + k);
    System.arraycopy(bytes, 0, expected, m, k);
    assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(10),
        () -> {
          try (Pack pack = open()) {
            byte[][] head = new byte[1][];
            long size =
                pack.readAtMost(2, Constants.OBJ_BLOB, -1, m + k, n -> head[0] = new byte[n]);
            assertThat(size).isEqualTo((long) m + k);
            assertThat(head[0]).isEqualTo(expected);
          }
        });
  }

  /**
   * A delta declaring a result of nearly 2 GB that its few instructions cannot make (each byte of
   * them makes at most as much as its base holds) is refused before an array of that size is asked
   * for, as an object's own declared size is.
   */
  @Test
  void deltaResultLargerThanItsInstructionsCanMake_isRefusedBeforeAllocatingIt() throws Exception {
    add(entry(Constants.OBJ_BLOB, 5, deflate(bytes("hello"))));
    java.io.ByteArrayOutputStream delta = new java.io.ByteArrayOutputStream();
    delta.writeBytes(TestPack.varint(5));
    delta.writeBytes(TestPack.varint(Integer.MAX_VALUE - 100));
    delta.writeBytes(TestPack.copy(0, 5));
    add(ofsDelta(1, delta.toByteArray()));
    try (Pack pack = open()) {
      long before = allocated();
      assertThatThrownBy(() -> pack.read(1, 0)).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> pack.read(1, Constants.OBJ_BLOB, byte[]::new))
          .isInstanceOf(IOException.class);
      assertThat(allocated() - before).isLessThan(16L << 20); // the cache takes 1 MiB
    }
  }

  /**
   * A delta declaring a result of 2^40 bytes is refused by the read of its first bytes, as the
   * whole read refuses it ("delta result too large"), not given to the caller as its size.
   */
  @Test
  void deltaResultBeyondAnArray_isRefusedByThePrefixRead_asByTheWholeRead() throws Exception {
    add(entry(Constants.OBJ_BLOB, 5, deflate(bytes("hello"))));
    java.io.ByteArrayOutputStream delta = new java.io.ByteArrayOutputStream();
    delta.writeBytes(TestPack.varint(5));
    delta.writeBytes(TestPack.varint(1L << 40));
    delta.writeBytes(TestPack.copy(0, 5));
    add(ofsDelta(1, delta.toByteArray()));
    assertWholeReadsFail(1);
    try (Pack pack = open()) {
      assertThatThrownBy(() -> pack.readAtMost(1, Constants.OBJ_BLOB, -1, 3, byte[]::new))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> pack.readHead(1, 3)).isInstanceOf(IOException.class);
    }
  }

  /**
   * An object declaring 1 GB in a few deflated bytes, early in a pack whose later objects make room
   * enough for that (its header is checked against the rest of the pack), is refused by its own
   * data, up to the next object, before an array of that size is asked for; the object after it, of
   * 2 MB, still reads.
   */
  @Test
  void declaredSizeItsOwnDataCannotHold_earlyInALargePack_isRefusedBeforeAllocatingIt()
      throws Exception {
    add(entry(Constants.OBJ_BLOB, 1 << 30, deflate(bytes("tiny"))));
    byte[] noise = new byte[2 << 20];
    new java.util.Random(1).nextBytes(noise);
    add(entry(Constants.OBJ_BLOB, noise.length, deflate(noise)));
    try (Pack pack = open()) {
      long before = allocated();
      assertThatThrownBy(() -> pack.read(0, 0)).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> pack.read(0, Constants.OBJ_BLOB, byte[]::new))
          .isInstanceOf(IOException.class);
      assertThat(allocated() - before).isLessThan(16L << 20);
      assertThat(pack.read(1, 0).data()).isEqualTo(noise);
    }
  }

  /**
   * Two reference deltas in a cycle, each longer than a head read resolves whole, in a pack of some
   * thousands of objects: the read of their first bytes went down the cycle as many times as the
   * pack has objects, each time reading the delta as far as the bytes wanted (here all of its
   * 300,000 one-byte copies), minutes of work before the depth told the cycle; the headers tell it
   * first, as they do for the type.
   */
  @Test
  void headOfLongDeltasInACycle_isRefusedByTheirHeaders_notAfterReadingThemOverAndOver()
      throws Exception {
    int r = 300_000;
    java.io.ByteArrayOutputStream copies = new java.io.ByteArrayOutputStream();
    copies.writeBytes(TestPack.varint(r));
    copies.writeBytes(TestPack.varint(r));
    for (int i = 0; i < r; i++) {
      copies.writeBytes(TestPack.copy(i, 1));
    }
    add(refDelta(1, copies.toByteArray()));
    add(refDelta(0, copies.toByteArray()));
    for (int i = 0; i < 5_000; i++) {
      add(entry(Constants.OBJ_BLOB, 1, deflate(bytes("x"))));
    }
    assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(10),
        () -> {
          try (Pack pack = open()) {
            assertThatThrownBy(() -> pack.readHead(0, 16 << 20)).isInstanceOf(IOException.class);
          }
        });
  }

  /**
   * The first 16 MiB of a delta (as a .mailmap is read) made of a million one-byte copies, none
   * next to another: each became a range of the base held, sorted and copied, some 80 bytes of
   * memory for each byte wanted (a 16 MiB read of such a delta: over 1 GB, an OutOfMemoryError that
   * its caller cannot catch). The ranges held are bounded; beyond, the read fails with an
   * IOException, on which the .mailmap reader falls back to JGit's whole read.
   */
  @Test
  void headSplitIntoAMillionOneByteCopies_isRefused_notHeldAsAMillionRanges() throws Exception {
    int b = 1 << 16;
    int r = 1 << 20;
    byte[] base = new byte[b];
    for (int i = 0; i < b; i++) {
      base[i] = (byte) i;
    }
    add(entry(Constants.OBJ_BLOB, b, deflate(base)));
    java.io.ByteArrayOutputStream copies = new java.io.ByteArrayOutputStream();
    copies.writeBytes(TestPack.varint(b));
    copies.writeBytes(TestPack.varint(r));
    for (int i = 0; i < r; i++) {
      copies.writeBytes(TestPack.copy((2 * i) % b, 1));
    }
    add(ofsDelta(1, copies.toByteArray()));
    try (Pack pack = open()) {
      long before = allocated();
      assertThatThrownBy(() -> pack.readHead(1, 16 << 20)).isInstanceOf(IOException.class);
      assertThat(allocated() - before).isLessThan(40L << 20);
    }
  }

  /** The bytes the calling thread has allocated. */
  private static long allocated() {
    return ((com.sun.management.ThreadMXBean)
            java.lang.management.ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  /** A delta copying all {@code n} bytes of its base. */
  private static byte[] copyAll(int n) {
    return new byte[] {(byte) n, (byte) n, (byte) 0x90, (byte) n};
  }

  private void add(byte[] entry) {
    written.add(entry);
  }

  private byte[] ofsDelta(int back, byte[] delta) throws IOException {
    return written.ofsDelta(back, delta);
  }

  private Pack open() throws IOException {
    return written.open(tmp, 1 << 20);
  }

  /**
   * Both whole reads of the entry at index {@code i} fail with an {@link IOException}, and so does
   * the read of its first bytes ({@link Pack#readAtMost} with no object short enough to be read
   * whole), which reads no further than those bytes but checks what it reads.
   */
  private void assertReadFails(int i) throws IOException {
    assertWholeReadsFail(i);
    try (Pack pack = open()) {
      assertThatThrownBy(() -> pack.readAtMost(i, Constants.OBJ_BLOB, -1, 8000, byte[]::new))
          .isInstanceOf(IOException.class);
    }
  }

  /** Both whole reads of the entry at index {@code i} fail with an {@link IOException}. */
  private void assertWholeReadsFail(int i) throws IOException {
    try (Pack pack = open()) {
      assertThatThrownBy(() -> pack.read(i, 0)).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> pack.read(i, Constants.OBJ_BLOB, byte[]::new))
          .isInstanceOf(IOException.class);
    }
  }

  /** The type of the entry at index {@code i}, from headers alone, fails too. */
  private void assertTypeFails(int i) throws IOException {
    try (Pack pack = open()) {
      assertThatThrownBy(() -> pack.type(i)).isInstanceOf(IOException.class);
    }
  }
}
