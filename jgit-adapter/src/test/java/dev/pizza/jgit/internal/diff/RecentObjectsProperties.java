package dev.pizza.jgit.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.jgit.internal.pack.ObjectFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The cache of recent objects against a list kept in order of use: the same objects held after any
 * mix of reads and writes (an object used lately outlasts older ones), never more bytes than the
 * bound, and objects over a quarter of the bound never held.
 */
class RecentObjectsProperties {

  /** The model: objects in order of use, least recent first. */
  private record Held(Oid id, byte[] raw) {}

  @Property(tries = 500)
  void holdsWhatAnLruListOfTheSameBoundHolds(
      @ForAll long seed,
      @ForAll @IntRange(min = 4, max = 2000) int maxBytes,
      @ForAll @IntRange(min = 1, max = 300) int steps) {
    Random rnd = new Random(seed);
    RecentObjects cache = new RecentObjects(maxBytes);
    List<Held> model = new ArrayList<>();
    for (int step = 0; step < steps; step++) {
      Oid id = id(rnd.nextInt(12));
      if (rnd.nextBoolean()) {
        byte[] raw = new byte[rnd.nextInt(maxBytes / 3 + 2)];
        int weight = raw.length + RecentObjects.OVERHEAD;
        cache.put(id, raw);
        if (weight <= maxBytes / 4) {
          model.removeIf(h -> h.id().equals(id));
          model.add(new Held(id, raw));
          long total = weight(model);
          while (total > maxBytes) {
            total -= model.remove(0).raw().length + RecentObjects.OVERHEAD;
          }
        }
      } else {
        Held found = model.stream().filter(h -> h.id().equals(id)).findFirst().orElse(null);
        if (found != null) {
          model.remove(found);
          model.add(found);
          assertThat(cache.get(id)).isSameAs(found.raw());
        } else {
          assertThat(cache.get(id)).isNull();
        }
      }
      assertThat(cache.bytes()).isEqualTo(weight(model)).isLessThanOrEqualTo(maxBytes);
    }
  }

  private static long weight(List<Held> model) {
    return model.stream().mapToLong(h -> h.raw().length + RecentObjects.OVERHEAD).sum();
  }

  private static Oid id(int n) {
    byte[] raw = new byte[ObjectFormat.SHA1.rawLength()];
    raw[0] = (byte) n;
    raw[19] = (byte) (n * 7);
    return Oid.ofRaw(raw, 0, ObjectFormat.SHA1);
  }
}
