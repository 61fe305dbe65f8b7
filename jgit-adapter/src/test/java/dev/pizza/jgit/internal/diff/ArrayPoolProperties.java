package dev.pizza.jgit.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The pool of arrays to read trees into: an array taken is long enough and at most a quarter longer
 * than its size class's lower neighbour; an array taken is never also free (two readers would then
 * share it); and the free arrays never exceed the pool's bound.
 */
class ArrayPoolProperties {

  @Property(tries = 2000)
  void aSizeClassIsTheSmallestThatHoldsTheLength(@ForAll @IntRange(min = 0, max = 1 << 20) int n) {
    int c = ArrayPool.sizeClass(n);
    assertThat(ArrayPool.sizeOf(c)).isGreaterThanOrEqualTo(n);
    if (c > 0) {
      assertThat(ArrayPool.sizeOf(c - 1)).isLessThan(n);
      assertThat((long) ArrayPool.sizeOf(c) * 4)
          .isLessThanOrEqualTo((long) ArrayPool.sizeOf(c - 1) * 5);
    }
    assertThat(ArrayPool.sizeClass(ArrayPool.sizeOf(c))).isEqualTo(c);
  }

  @Property(tries = 300)
  void anArrayTakenIsNeverFreeAndTheFreeOnesStayUnderTheBound(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 20_000) int maxBytes,
      @ForAll @IntRange(min = 1, max = 400) int steps) {
    Random rnd = new Random(seed);
    int maxLength = 4096;
    ArrayPool pool = new ArrayPool(maxBytes, maxLength);
    List<byte[]> inUse = new ArrayList<>();
    IdentityHashMap<byte[], Boolean> taken = new IdentityHashMap<>();
    for (int step = 0; step < steps; step++) {
      if (inUse.isEmpty() || rnd.nextInt(3) > 0) {
        int length = rnd.nextInt(2 * maxLength);
        byte[] a = pool.take(length);
        assertThat(pool.last()).isSameAs(a);
        assertThat(a.length).isGreaterThanOrEqualTo(length);
        assertThat(taken.put(a, true)).as("an array handed out twice").isNull();
        inUse.add(a);
      } else {
        byte[] a = inUse.remove(rnd.nextInt(inUse.size()));
        taken.remove(a);
        pool.give(a);
      }
      assertThat(pool.bytes()).isBetween(0L, (long) maxBytes);
    }
  }
}
