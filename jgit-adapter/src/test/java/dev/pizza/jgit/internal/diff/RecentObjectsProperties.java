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
 * The cache of recent objects against a list kept in order of first insertion: the same objects
 * held after any mix of reads and writes (the oldest go first), never more bytes than the bound,
 * objects over a quarter of the bound never held, and every array it lets go of handed back once,
 * when it no longer holds it (its reader reuses those).
 */
class RecentObjectsProperties {

  /** The model: objects in order of insertion, oldest first. */
  private record Held(Oid id, Content raw) {}

  @Property(tries = 500)
  void holdsWhatAFifoListOfTheSameBoundHolds(
      @ForAll long seed,
      @ForAll @IntRange(min = 4, max = 2000) int maxBytes,
      @ForAll @IntRange(min = 1, max = 300) int steps) {
    check(seed, maxBytes, steps, 12);
  }

  /**
   * As above with hundreds of ids and room for hundreds of objects: the ring of entries grows and
   * wraps, and entries leave the id table from the middle of probe runs.
   */
  @Property(tries = 100)
  void holdsWhatAFifoListHolds_acrossGrowthAndWrapping(
      @ForAll long seed,
      @ForAll @IntRange(min = 2000, max = 60000) int maxBytes,
      @ForAll @IntRange(min = 1, max = 3000) int steps) {
    check(seed, maxBytes, steps, 400);
  }

  private void check(long seed, int maxBytes, int steps, int ids) {
    Random rnd = new Random(seed);
    List<byte[]> dropped = new ArrayList<>();
    RecentObjects cache = new RecentObjects(maxBytes, ObjectFormat.SHA1.words(), dropped::add);
    List<Held> model = new ArrayList<>();
    List<byte[]> expectDropped = new ArrayList<>();
    for (int step = 0; step < steps; step++) {
      Oid id = id(rnd.nextInt(ids));
      if (rnd.nextBoolean()) {
        int length = rnd.nextInt(Math.min(maxBytes / 3 + 2, 800));
        Content raw =
            new Content(new byte[length + rnd.nextInt(3)], length); // arrays may be longer
        int weight = length + RecentObjects.OVERHEAD;
        cache.put(id.words(), raw);
        if (weight <= maxBytes / 4) {
          int at = indexOf(model, id);
          if (at >= 0) {
            expectDropped.add(model.get(at).raw().bytes());
            model.set(at, new Held(id, raw));
          } else {
            model.add(new Held(id, raw));
          }
          long total = weight(model);
          while (total > maxBytes) {
            Held eldest = model.remove(0);
            total -= eldest.raw().length() + RecentObjects.OVERHEAD;
            expectDropped.add(eldest.raw().bytes());
          }
        } else {
          expectDropped.add(raw.bytes());
        }
      } else {
        int at = indexOf(model, id);
        if (at >= 0) {
          assertThat(cache.get(id.words())).isSameAs(model.get(at).raw());
        } else {
          assertThat(cache.get(id.words())).isNull();
        }
      }
      assertThat(cache.bytes()).isEqualTo(weight(model)).isLessThanOrEqualTo(maxBytes);
      assertThat(dropped).hasSameSizeAs(expectDropped);
      for (int i = 0; i < dropped.size(); i++) {
        assertThat(dropped.get(i)).as("dropped array %d", i).isSameAs(expectDropped.get(i));
      }
    }
  }

  private static int indexOf(List<Held> model, Oid id) {
    for (int i = 0; i < model.size(); i++) {
      if (model.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  private static long weight(List<Held> model) {
    return model.stream().mapToLong(h -> h.raw().length() + RecentObjects.OVERHEAD).sum();
  }

  /** Id {@code n}: ids share most of their bytes, and many their hash. */
  private static Oid id(int n) {
    byte[] raw = new byte[ObjectFormat.SHA1.rawLength()];
    raw[0] = (byte) n;
    raw[1] = (byte) (n >> 8);
    raw[19] = (byte) (n * 7);
    return Oid.ofRaw(raw, 0, ObjectFormat.SHA1);
  }
}
