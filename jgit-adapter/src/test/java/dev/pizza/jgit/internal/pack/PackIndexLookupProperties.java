package dev.pizza.jgit.internal.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A pack index's lookups against the list of ids it was written from: every id is found at its
 * position with its offset (large offsets too), and ids it lacks (sharing a present id's first
 * word, or its first byte) are not, before and after the index loads its heap table, from two
 * threads sharing one index at once, as the walk's and the diff stages' sources share it; and
 * opening the same file again gives that one index, a rewritten file a new one.
 */
class PackIndexLookupProperties {

  @Property(tries = 15)
  void everyIdIsFoundAtItsPosition_andNoOtherId_fromThreadsSharingTheIndex(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 6000) int n) throws Exception {
    Random rnd = new Random(seed);
    int[][] ids = ids(rnd, n);
    long[] offsets = new long[n];
    for (int i = 0; i < n; i++) {
      offsets[i] = rnd.nextInt(10) == 0 ? (1L << 31) + rnd.nextInt(1 << 30) : rnd.nextInt(1 << 30);
    }
    Path dir = Files.createTempDirectory("idx");
    try {
      Path file = dir.resolve("pack-test.idx");
      Files.write(file, indexBytes(ids, offsets));
      PackIndex index = SharedIndexes.open(file, ObjectFormat.SHA1);
      assertThat(SharedIndexes.open(file, ObjectFormat.SHA1)).isSameAs(index);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          long s = rnd.nextLong();
          done.add(
              pool.submit(
                  () -> {
                    lookups(index, ids, offsets, new Random(s));
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      // Past MIN_LOOKUPS (4,096) the table is in use: every id once more, on this thread.
      lookups(index, ids, offsets, rnd);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  @Property(tries = 5)
  void aRewrittenIndexFileIsOpenedAnew(@ForAll long seed) throws Exception {
    Random rnd = new Random(seed);
    Path dir = Files.createTempDirectory("idx");
    Path file = dir.resolve("pack-test.idx");
    try {
      int[][] a = ids(rnd, 10);
      Files.write(file, indexBytes(a, new long[10]));
      PackIndex first = SharedIndexes.open(file, ObjectFormat.SHA1);
      int[][] b = ids(rnd, 11);
      Files.write(file, indexBytes(b, new long[11]));
      PackIndex second = SharedIndexes.open(file, ObjectFormat.SHA1);
      assertThat(second).isNotSameAs(first);
      assertThat(second.count()).isEqualTo(11);
      assertThat(second.find(b[3], 0)).isEqualTo(3);
    } finally {
      Files.deleteIfExists(file);
      Files.delete(dir);
    }
  }

  private static void lookups(PackIndex index, int[][] ids, long[] offsets, Random rnd)
      throws java.io.IOException {
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < ids.length; i++) {
        int[] w = ids[i].clone();
        assertThat(index.find(w, 0)).as("id %d", i).isEqualTo(i);
        assertThat(index.offset(i)).as("offset %d", i).isEqualTo(offsets[i]);
        w[4] ^= 1 + rnd.nextInt(1 << 20); // same first word, another id
        assertThat(index.find(w, 0)).as("beside %d", i).isEqualTo(expected(ids, w));
        w[0] = (w[0] & 0xff000000) | rnd.nextInt(1 << 24); // same first byte
        assertThat(index.find(w, 0)).as("near %d", i).isEqualTo(expected(ids, w));
      }
    }
  }

  /** Random ids, sorted; a few share their first word (and more) with the one before. */
  static int[][] ids(Random rnd, int n) {
    int[][] ids = new int[n][5];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 5; k++) {
        ids[i][k] = rnd.nextInt();
      }
      if (i > 0 && rnd.nextInt(20) == 0) {
        System.arraycopy(ids[i - 1], 0, ids[i], 0, 1 + rnd.nextInt(4));
      }
    }
    Arrays.sort(ids, PackIndexLookupProperties::compare);
    List<int[]> distinct = new ArrayList<>();
    for (int[] id : ids) {
      if (distinct.isEmpty() || compare(distinct.get(distinct.size() - 1), id) != 0) {
        distinct.add(id);
      }
    }
    return distinct.toArray(int[][]::new);
  }

  /** The ids' order in an index: unsigned, word by word. */
  private static int compare(int[] a, int[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /** The model: a binary search of the sorted ids. */
  private static int expected(int[][] ids, int[] w) {
    int i = Arrays.binarySearch(ids, w, PackIndexLookupProperties::compare);
    return i >= 0 ? i : -1;
  }

  /** A version-2 index of {@code ids} (sorted) at {@code offsets}; CRCs and checksums zero. */
  static byte[] indexBytes(int[][] ids, long[] offsets) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0xff744f63);
    out.writeInt(2);
    int[] fanout = new int[256];
    for (int[] id : ids) {
      fanout[id[0] >>> 24]++;
    }
    int sum = 0;
    for (int b = 0; b < 256; b++) {
      sum += fanout[b];
      out.writeInt(sum);
    }
    for (int[] id : ids) {
      for (int word : id) {
        out.writeInt(word);
      }
    }
    for (int i = 0; i < ids.length; i++) {
      out.writeInt(0); // CRC
    }
    List<Long> large = new ArrayList<>();
    for (long o : offsets) {
      if (o >= 1L << 31) {
        out.writeInt(0x80000000 | large.size());
        large.add(o);
      } else {
        out.writeInt((int) o);
      }
    }
    for (long o : large) {
      out.writeLong(o);
    }
    out.write(new byte[40]);
    out.flush();
    return bytes.toByteArray();
  }
}
