package dev.pizza.jgit.internal.pack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.jgit.internal.pack.ObjectSource.Typed;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Growing the arena keeps what the cache held, and a bound of any size still wraps. */
class ObjectCacheGrowthTest {

  private static Typed object(int k, int size) {
    byte[] data = new byte[size];
    Arrays.fill(data, (byte) k);
    return new Typed(3, data);
  }

  /** Dropping them on growth made a line-stats bake resolve whole delta chains again. */
  @Test
  void objectsHeldBeforeTheArenaGrewAreStillFound() {
    ObjectCache cache = new ObjectCache(8L << 20);
    int n = 2000; // 2,000 KB: the arena grows from 64 KiB five times
    for (int k = 0; k < n; k++) {
      cache.put(ObjectCache.key(0, k), object(k, 1000));
    }
    for (int k = 0; k < n; k++) {
      Typed got = cache.get(ObjectCache.key(0, k));
      assertThat(got).as("object %s", k).isNotNull();
      assertThat(got.data()).isEqualTo(object(k, 1000).data());
    }
  }

  /** The arena's last growth stops at the bound, which need not leave room past what it held. */
  @Test
  void aBoundThatIsNoPowerOfTwoWrapsInsteadOfWritingPastTheArena() {
    ObjectCache cache = new ObjectCache(100_000);
    for (int k = 0; k < 50; k++) {
      cache.put(ObjectCache.key(0, k), object(k, 20_000 + k));
      Typed got = cache.get(ObjectCache.key(0, k));
      assertThat(got).as("object %s", k).isNotNull();
      assertThat(got.data()).isEqualTo(object(k, 20_000 + k).data());
    }
  }

  /**
   * Doubling a large arena left each smaller one as promoted garbage: past a thirty-second of its
   * bound the arena takes the whole bound at once, and keeps what it held.
   */
  @Test
  void anArenaPastAThirtySecondOfItsBoundGrowsToTheBoundAtOnce() {
    ObjectCache cache = new ObjectCache(32L << 20);
    int k = 0;
    while (cache.arena().length <= (1 << 20) / 2) {
      cache.put(ObjectCache.key(0, k), object(k, 1000));
      k++;
    }
    assertThat(cache.arena().length).isLessThanOrEqualTo(1 << 20);
    while (cache.arena().length <= 1 << 20) {
      cache.put(ObjectCache.key(0, k), object(k, 1000));
      k++;
    }
    assertThat(cache.arena().length).isEqualTo(32 << 20);
    for (int j = 0; j < k; j++) {
      Typed got = cache.get(ObjectCache.key(0, j));
      assertThat(got).as("object %s", j).isNotNull();
      assertThat(got.data()).isEqualTo(object(j, 1000).data());
    }
  }
}
