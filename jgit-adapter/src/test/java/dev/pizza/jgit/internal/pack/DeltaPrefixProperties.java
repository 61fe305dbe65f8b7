package dev.pizza.jgit.internal.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.eclipse.jgit.lib.Constants;

/**
 * The first bytes of an object read without loading it ({@link ObjectPrefix}, through {@link
 * Pack#readAtMost}) are the first bytes of the object loaded whole: for random bases, random deltas
 * (copies and inserts) in chains of offset and reference deltas, some of the chain cached, and
 * random prefix lengths; the model is {@link Delta#apply} down the chain.
 */
class DeltaPrefixProperties {

  @Property(tries = 300)
  void prefixOfADeltaChain_isThePrefixOfTheAppliedChain(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 3000) int baseLength,
      @ForAll @IntRange(min = 1, max = 5) int chainLength,
      @ForAll @IntRange(min = 0, max = 5000) int head,
      @ForAll @IntRange(min = -1, max = 6000) int max,
      @ForAll @IntRange(min = -1, max = 5) int cachedLevel)
      throws IOException {
    Random random = new Random(seed);
    TestPack written = new TestPack();
    List<byte[]> model = new ArrayList<>();
    byte[] base = randomBytes(random, baseLength);
    written.add(TestPack.entry(Constants.OBJ_BLOB, base.length, TestPack.deflate(base)));
    model.add(base);
    for (int i = 1; i <= chainLength; i++) {
      byte[] previous = model.get(i - 1);
      byte[] delta = randomDelta(random, previous);
      written.add(
          random.nextBoolean() ? written.ofsDelta(1, delta) : TestPack.refDelta(i - 1, delta));
      model.add(Delta.apply(previous, delta));
    }
    Path dir = Files.createTempDirectory("prefix");
    try (Pack pack = written.open(dir, 1 << 20)) {
      if (cachedLevel >= 0 && cachedLevel < chainLength) {
        pack.read(cachedLevel, Constants.OBJ_BLOB, byte[]::new); // cached as a base
      }
      byte[] whole = model.get(chainLength);
      assertThat(pack.type(chainLength)).isEqualTo(Constants.OBJ_BLOB);
      byte[][] into = new byte[1][];
      long size =
          pack.readAtMost(chainLength, Constants.OBJ_BLOB, max, head, n -> into[0] = new byte[n]);
      assertThat(size).isEqualTo(whole.length);
      byte[] expected = size > max ? Arrays.copyOf(whole, Math.min(whole.length, head)) : whole;
      assertThat(into[0]).isEqualTo(expected);
      assertThat(pack.readAtMost(chainLength, Constants.OBJ_TREE, max, head, byte[]::new))
          .isEqualTo(-1);
    } finally {
      for (Path p : List.of(dir.resolve("pack-test.pack"), dir.resolve("pack-test.idx"), dir)) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('a' + random.nextInt(random.nextBoolean() ? 3 : 26)); // repeats, for copies
    }
    return b;
  }

  /** A valid delta onto {@code base}: random copies of it and inserts, up to about 4,000 bytes. */
  static byte[] randomDelta(Random random, byte[] base) {
    ByteArrayOutputStream instructions = new ByteArrayOutputStream();
    int target = random.nextInt(4000);
    int size = 0;
    while (size < target) {
      if (base.length > 0 && random.nextInt(3) > 0) {
        int offset = random.nextInt(base.length);
        int n = 1 + random.nextInt(base.length - offset);
        instructions.writeBytes(TestPack.copy(offset, n));
        size += n;
      } else {
        int n = 1 + random.nextInt(127);
        instructions.write(n);
        instructions.writeBytes(randomBytes(random, n));
        size += n;
      }
    }
    ByteArrayOutputStream delta = new ByteArrayOutputStream();
    delta.writeBytes(TestPack.varint(base.length));
    delta.writeBytes(TestPack.varint(size));
    delta.writeBytes(instructions.toByteArray());
    return delta.toByteArray();
  }
}
