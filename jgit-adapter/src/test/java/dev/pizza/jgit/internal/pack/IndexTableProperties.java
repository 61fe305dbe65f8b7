package dev.pizza.jgit.internal.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The interpolating search of the pack index's table against a plain scan: it must return the first
 * entry whose first word is not below the key (unsigned) for keys present, absent, duplicated,
 * before and after every entry, in uniform tables (as ids are), in skewed ones (where interpolation
 * guesses badly and bisection must take over) and with bounds that do not hold the table's values;
 * and an entry must give back the first and offset words it was made of, negative ones too.
 */
class IndexTableProperties {

  @Property(tries = 300)
  void lowerBoundIsTheFirstEntryNotBelowTheKey(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 3000) int n,
      @ForAll @IntRange(min = 0, max = 3) int shape) {
    Random rnd = new Random(seed);
    int first = rnd.nextInt(256);
    long low = (long) first << 24;
    long high = low + (1L << 24);
    long[] t = table(rnd, n, shape, low);
    int lo = n == 0 ? 0 : rnd.nextInt(Math.min(n, 20) + 1);
    int end = n - (n - lo == 0 ? 0 : rnd.nextInt(Math.min(n - lo, 20) + 1));
    for (int q = 0; q < 200; q++) {
      int key;
      if (n > 0 && rnd.nextBoolean()) {
        key = IndexTable.firstWord(t[rnd.nextInt(n)]) + rnd.nextInt(3) - 1; // at or beside one
      } else {
        key = (int) (low + rnd.nextInt(1 << 24));
      }
      boolean honest = rnd.nextInt(4) != 0;
      long l = honest ? low : rnd.nextLong() & 0xffffffffL;
      long h = honest ? high : l + 1 + (rnd.nextLong() & 0xffffffffL);
      assertThat(IndexTable.lowerBound(t, lo, end, key, l, h))
          .as("key %08x in [%d, %d) of %d, bounds [%x, %x)", key, lo, end, n, l, h)
          .isEqualTo(model(t, lo, end, key));
    }
  }

  @Property(tries = 100)
  void anEntryKeepsItsWords(@ForAll int firstWord, @ForAll int offsetWord) {
    long e = IndexTable.entry(firstWord, offsetWord);
    assertThat(IndexTable.firstWord(e)).isEqualTo(firstWord);
    assertThat(IndexTable.offsetWord(e)).isEqualTo(offsetWord);
  }

  /**
   * A table of {@code n} entries sorted by first word, all of them in {@code [low, low + 2^24)}: 0
   * uniform, 1 clustered at the low end, 2 few distinct values (runs of duplicates), 3 all but a
   * few at one value.
   */
  private static long[] table(Random rnd, int n, int shape, long low) {
    long[] words = new long[n];
    for (int i = 0; i < n; i++) {
      long v =
          switch (shape) {
            case 0 -> rnd.nextInt(1 << 24);
            case 1 -> rnd.nextInt(1 << 24) >>> rnd.nextInt(24);
            case 2 -> rnd.nextInt(5) * 1000L;
            default -> rnd.nextInt(50) == 0 ? rnd.nextInt(1 << 24) : 777L;
          };
      words[i] = low + v;
    }
    Arrays.sort(words);
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = IndexTable.entry((int) words[i], rnd.nextInt());
    }
    return t;
  }

  private static int model(long[] t, int lo, int end, int key) {
    int i = lo;
    while (i < end && Integer.compareUnsigned(IndexTable.firstWord(t[i]), key) < 0) {
      i++;
    }
    return i;
  }
}
