package dev.pizza.jgit.internal.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationIndexTest {
  @TempDir Path dir;

  private static int[] id(Random rnd) {
    int[] w = new int[5];
    for (int i = 0; i < 5; i++) {
      w[i] = rnd.nextInt();
    }
    w[0] |= 1; // never the zero id
    return w;
  }

  @Test
  void layers_areFoundAgain_afterReopen_andUnknownIdsAreZero() {
    Random rnd = new Random(1);
    Map<List<Integer>, Integer> model = new HashMap<>();
    for (int layer = 0; layer < 3; layer++) {
      GenerationEntries e = new GenerationEntries(5);
      for (int i = 0; i < 500; i++) {
        int[] w = id(rnd);
        int g = 1 + rnd.nextInt(1_000_000);
        e.add(w, 0, g);
        model.put(List.of(w[0], w[1], w[2], w[3], w[4]), g);
      }
      GenerationIndex.open(dir, new VerifiedLayers()).add(e);
    }
    GenerationIndex index = GenerationIndex.open(dir, new VerifiedLayers());
    model.forEach(
        (k, g) ->
            assertThat(index.lookup(k.stream().mapToInt(Integer::intValue).toArray(), 0))
                .isEqualTo(g));
    assertThat(index.lookup(id(new Random(99)), 0)).isZero();
  }

  @Test
  void manyLayers_areMergedIntoOne_keepingEveryEntry() throws Exception {
    Random rnd = new Random(2);
    Map<List<Integer>, Integer> model = new HashMap<>();
    for (int layer = 0; layer <= GenerationIndex.MAX_LAYERS + 1; layer++) {
      GenerationEntries e = new GenerationEntries(5);
      int[] w = id(rnd);
      e.add(w, 0, layer + 1);
      model.put(List.of(w[0], w[1], w[2], w[3], w[4]), layer + 1);
      GenerationIndex.open(dir, new VerifiedLayers()).add(e);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.count()).isLessThanOrEqualTo(GenerationIndex.MAX_LAYERS);
    }
    GenerationIndex index = GenerationIndex.open(dir, new VerifiedLayers());
    model.forEach(
        (k, g) ->
            assertThat(index.lookup(k.stream().mapToInt(Integer::intValue).toArray(), 0))
                .isEqualTo(g));
  }

  @Test
  void damagedLayer_isDiscarded_andTheRestStillServes() throws Exception {
    GenerationEntries a = new GenerationEntries(5);
    int[] wa = id(new Random(3));
    a.add(wa, 0, 7);
    GenerationIndex.open(dir, new VerifiedLayers()).add(a);
    Thread.sleep(2);
    GenerationEntries b = new GenerationEntries(5);
    int[] wb = id(new Random(4));
    b.add(wb, 0, 9);
    GenerationIndex.open(dir, new VerifiedLayers()).add(b);
    Path newest;
    try (Stream<Path> files = Files.list(dir)) {
      newest = files.sorted().reduce((x, y) -> y).orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(newest);
    bytes[14] ^= 0x40; // flip a bit inside an entry: the checksum no longer matches
    Files.write(newest, bytes);

    GenerationIndex index = GenerationIndex.open(dir, new VerifiedLayers());
    assertThat(index.lookup(wb, 0)).as("entry of the damaged layer").isZero();
    assertThat(index.lookup(wa, 0)).isEqualTo(7);
    assertThat(newest).doesNotExist();
  }

  @Test
  void none_remembersNothing() {
    GenerationIndex none = GenerationIndex.none();
    GenerationEntries e = new GenerationEntries(5);
    int[] w = id(new Random(5));
    e.add(w, 0, 3);
    none.add(e);
    assertThat(none.isWritable()).isFalse();
    assertThat(none.lookup(w, 0)).isZero();
  }
}
