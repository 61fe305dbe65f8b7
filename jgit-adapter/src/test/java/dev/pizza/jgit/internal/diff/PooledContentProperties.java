package dev.pizza.jgit.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Blobs are read into pooled arrays longer than their content ({@link CommitDiffer}): the line
 * counts and the similarity of a content must not see the stale bytes past its length, which are
 * made here of newlines and of the other text's tail (what a common tail or head would read).
 */
class PooledContentProperties {
  private static byte[] text(Random rnd, int lines) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      s.append(rnd.nextInt(4) == 0 ? "}" : "l" + rnd.nextInt(20)).append('\n');
    }
    if (rnd.nextBoolean() && s.length() > 0) {
      s.setLength(s.length() - 1); // no newline at the end
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code t} followed by {@code stale}, as in an array read into before. */
  private static byte[] padded(byte[] t, byte[] stale) {
    byte[] out = Arrays.copyOf(t, t.length + stale.length);
    System.arraycopy(stale, 0, out, t.length, stale.length);
    return out;
  }

  private static byte[] stale(Random rnd, byte[] other) {
    byte[] s = new byte[rnd.nextInt(40)];
    for (int i = 0; i < s.length; i++) {
      s[i] = rnd.nextInt(3) == 0 ? (byte) '\n' : (byte) ('a' + rnd.nextInt(3));
    }
    return rnd.nextBoolean()
        ? s
        : padded(Arrays.copyOfRange(other, other.length / 2, other.length), s);
  }

  @Property(tries = 500)
  void counts_ofTextsInLongerArrays_ignoreTheBytesPastTheirLength(
      @ForAll long seed, @ForAll @IntRange(max = 40) int n, @ForAll @IntRange(max = 40) int m) {
    Random rnd = new Random(seed);
    byte[] a = text(rnd, n);
    byte[] b = rnd.nextBoolean() ? text(rnd, m) : padded(a, text(rnd, m));
    byte[] pa = padded(a, stale(rnd, b));
    byte[] pb = padded(b, stale(rnd, a));
    assertThat(LineCounter.git(pa, a.length, pb, b.length, Long.MAX_VALUE))
        .isEqualTo(LineCounter.git(a, b, Long.MAX_VALUE));
  }

  @Property(tries = 300)
  void similarity_ofContentInALongerArray_ignoresTheBytesPastItsLength(
      @ForAll long seed, @ForAll @IntRange(max = 40) int n, @ForAll boolean text) {
    Random rnd = new Random(seed);
    byte[] a = text(rnd, n);
    byte[] b = text(rnd, n);
    Similarity exact = Similarity.of(a, text);
    Similarity pooled = Similarity.of(padded(a, stale(rnd, b)), a.length, text);
    Similarity other = Similarity.of(b, text);
    assertThat(pooled.size).isEqualTo(exact.size);
    assertThat(Similarity.copied(pooled, other)).isEqualTo(Similarity.copied(exact, other));
    assertThat(Similarity.copied(other, pooled)).isEqualTo(Similarity.copied(other, exact));
  }
}
