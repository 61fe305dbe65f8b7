package dev.pizza.jgit.internal.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A pack index's read-ahead for a batch of ids ({@link PackIndex#touch}) against a scan of the ids
 * it was written from: each id's candidate is the first position whose id starts with the same
 * word, or -1 where none does (ids present, ids sharing a present id's first word, ids sharing only
 * its first byte), none before the index loads its table; and the lookups after it find what they
 * found before.
 */
class IndexTouchProperties {

  @Property(tries = 30)
  void candidatesAreTheFirstPositionsOfEachFirstWord_andLookupsStayTheSame(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int n) throws Exception {
    Random rnd = new Random(seed);
    int[][] ids = PackIndexLookupProperties.ids(rnd, n);
    Path dir = Files.createTempDirectory("idx");
    Path file = dir.resolve("pack-test.idx");
    try {
      Files.write(file, PackIndexLookupProperties.indexBytes(ids, new long[ids.length]));
      PackIndex index = PackIndex.open(file, ObjectFormat.SHA1);
      int count = 1 + rnd.nextInt(64);
      int[] batch = new int[count * 5];
      int[] candidates = new int[count];
      fill(batch, ids, rnd);
      index.touch(batch, count, 5, candidates);
      assertThat(Arrays.copyOf(candidates, count)).as("before the table").containsOnly(-1);
      for (int k = 0; k < 4200; k++) { // past MIN_LOOKUPS: the table is loaded
        index.find(ids[k % ids.length], 0);
      }
      for (int round = 0; round < 20; round++) {
        fill(batch, ids, rnd);
        index.touch(batch, count, 5, candidates);
        for (int i = 0; i < count; i++) {
          int[] w = Arrays.copyOfRange(batch, i * 5, i * 5 + 5);
          assertThat(candidates[i]).as("candidate %d", i).isEqualTo(firstWithFirstWord(ids, w[0]));
          int at = Arrays.binarySearch(ids, w, Arrays::compareUnsigned);
          assertThat(index.find(w, 0)).as("lookup %d", i).isEqualTo(at >= 0 ? at : -1);
        }
      }
    } finally {
      Files.deleteIfExists(file);
      Files.delete(dir);
    }
  }

  /** Ids present, sharing a present id's first word, or sharing only its first byte. */
  private static void fill(int[] batch, int[][] ids, Random rnd) {
    for (int i = 0; i < batch.length / 5; i++) {
      int[] w = ids[rnd.nextInt(ids.length)].clone();
      switch (rnd.nextInt(3)) {
        case 0 -> {}
        case 1 -> w[4] ^= 1 + rnd.nextInt(1 << 20);
        default -> w[0] = (w[0] & 0xff000000) | rnd.nextInt(1 << 24);
      }
      System.arraycopy(w, 0, batch, i * 5, 5);
    }
  }

  /** The model: the first of the sorted ids whose first word is {@code first}, or -1. */
  private static int firstWithFirstWord(int[][] ids, int first) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i][0] == first) {
        return i;
      }
    }
    return -1;
  }
}
