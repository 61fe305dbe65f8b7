package dev.pizza.jgit.internal.pack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.jgit.internal.pack.ObjectSource.Typed;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The object cache's ring against a map of everything put: a hit must return exactly the bytes and
 * type last put under that key, whether read as a copy or in place, through growth of the arena,
 * wrapping, eviction, entries moved to the front, empty objects and reused keys; the object just
 * put, or just found, must be found.
 */
class ObjectCacheProperties {

  @Property(tries = 200)
  void aHitReturnsWhatWasLastPutUnderTheKey(
      @ForAll long seed,
      @ForAll @IntRange(min = 64, max = 1 << 14) int maxBytes,
      @ForAll @IntRange(min = 1, max = 400) int keys) {
    Random rnd = new Random(seed);
    ObjectCache cache = new ObjectCache(maxBytes);
    Map<Long, Typed> model = new HashMap<>();
    for (int op = 0; op < 3000; op++) {
      assertPeekSeesWhatWasLastPut(
          cache, model, ObjectCache.key(rnd.nextInt(3), rnd.nextInt(keys)));
      long key = ObjectCache.key(rnd.nextInt(3), rnd.nextInt(keys));
      if (rnd.nextInt(3) == 0) {
        byte[] data = new byte[rnd.nextInt(8) == 0 ? 0 : rnd.nextInt(maxBytes / 3 + 1)];
        rnd.nextBytes(data);
        Typed object = new Typed(1 + rnd.nextInt(4), data);
        cache.put(key, object);
        if (data.length <= maxBytes / 4) {
          model.put(key, object);
          assertFound(cache, key, object);
        } // else not kept: what was cached under the key stays
      } else if (rnd.nextBoolean()) {
        Typed got = cache.get(key);
        if (got != null) {
          Typed want = model.get(key);
          assertThat(want).as("key %s", key).isNotNull();
          assertThat(got.type()).isEqualTo(want.type());
          assertThat(got.data()).isEqualTo(want.data());
          assertFound(cache, key, want);
        }
      } else {
        int e = cache.find(key);
        if (e >= 0) {
          Typed want = model.get(key);
          assertThat(want).as("key %s", key).isNotNull();
          assertThat(cache.type(e)).isEqualTo(want.type());
          byte[] in =
              Arrays.copyOfRange(cache.arena(), cache.offset(e), cache.offset(e) + cache.length(e));
          assertThat(in).isEqualTo(want.data());
        }
      }
    }
  }

  /**
   * What {@link ObjectCache#peek} sees, if anything, is what was last put under the key; it and
   * {@link ObjectCache#touch} change nothing the other checks would see.
   */
  private static void assertPeekSeesWhatWasLastPut(
      ObjectCache cache, Map<Long, Typed> model, long key) {
    long where = cache.peek(key);
    if (where >= 0) {
      Typed want = model.get(key);
      assertThat(want).as("peeked key %s", key).isNotNull();
      int off = (int) (where >>> 32);
      int length = (int) where & ((1 << 29) - 1);
      assertThat((int) (where >>> 29) & 7).as("peeked type").isEqualTo(want.type());
      assertThat(Arrays.copyOfRange(cache.arena(), off, off + length)).isEqualTo(want.data());
    }
    cache.touch(new long[] {key, key ^ 1}, 2);
  }

  /**
   * Objects read again before half the cache's bytes were written after them stay, however much
   * else passes through: 40 objects read in turn, 300 bytes or less written between two reads.
   */
  @Property(tries = 50)
  void objectsReadAgainSoonStay(@ForAll long seed) {
    Random rnd = new Random(seed);
    ObjectCache cache = new ObjectCache(1 << 16);
    Map<Long, Typed> model = new HashMap<>();
    for (int k = 0; k < 40; k++) {
      byte[] data = new byte[rnd.nextInt(200)];
      rnd.nextBytes(data);
      model.put(ObjectCache.key(0, k * 1000L), new Typed(3, data));
      cache.put(ObjectCache.key(0, k * 1000L), model.get(ObjectCache.key(0, k * 1000L)));
    }
    for (int round = 0; round < 2000; round++) {
      long key = ObjectCache.key(0, (round % 40) * 1000L);
      Typed got = cache.get(key);
      assertThat(got).as("key %s in round %s", key, round).isNotNull();
      assertThat(got.data()).isEqualTo(model.get(key).data());
      byte[] other = new byte[rnd.nextInt(300)];
      cache.put(ObjectCache.key(1, round), new Typed(3, other)); // churn beside the working set
    }
  }

  private static void assertFound(ObjectCache cache, long key, Typed want) {
    Typed again = cache.get(key);
    assertThat(again).isNotNull();
    assertThat(again.type()).isEqualTo(want.type());
    assertThat(again.data()).isEqualTo(want.data());
  }
}
