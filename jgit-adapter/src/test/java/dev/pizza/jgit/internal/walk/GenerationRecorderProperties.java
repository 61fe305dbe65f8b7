package dev.pizza.jgit.internal.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * GenerationRecorder's generations equal a recursive model's over random graphs recorded in any
 * order (children first as a walk records them, or shuffled), with parents outside the recorded
 * graph, and chains deeper than the recorder's first stack.
 */
class GenerationRecorderProperties {

  @Property(tries = 300)
  void generationsEqualARecursiveModel(
      @ForAll @IntRange(min = 1, max = 400) int n,
      @ForAll @IntRange(min = 0, max = 3) int maxParents,
      @ForAll boolean shuffled,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    // Commit k's parents are commits above k (a DAG); its position is a distinct random int.
    List<Integer> positions = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      positions.add(k * 7 + rnd.nextInt(7));
    }
    Collections.shuffle(positions, rnd);
    long[] dates = new long[n];
    List<List<Integer>> parents = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      dates[k] = rnd.nextInt(4) == 0 ? rnd.nextInt(100) : (rnd.nextLong() & 0x1_FFFF_FFFFL);
      List<Integer> ps = new ArrayList<>();
      int count = k == n - 1 ? 0 : rnd.nextInt(maxParents + 1);
      for (int i = 0; i < count; i++) {
        // mostly the next commit, for long chains; sometimes one further up
        ps.add(rnd.nextInt(3) == 0 ? k + 1 + rnd.nextInt(n - k - 1) : k + 1);
      }
      parents.add(ps);
    }
    int[] model = new int[n];
    for (int k = n - 1; k >= 0; k--) {
      int max = 0;
      for (int p : parents.get(k)) {
        max = Integer.compareUnsigned(max, model[p]) < 0 ? model[p] : max;
      }
      model[k] = CorrectedDates.of(dates[k], max);
    }
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      order.add(k);
    }
    if (shuffled) {
      Collections.shuffle(order, rnd);
    }
    GenerationRecorder recorder = new GenerationRecorder(5);
    for (int k : order) {
      recorder.commit(positions.get(k), new int[] {k, 0, 0, 0, 0}, dates[k]);
      for (int p : parents.get(k)) {
        recorder.parent(positions.get(p));
      }
      if (rnd.nextInt(5) == 0) {
        recorder.parent(-1 - rnd.nextInt(1000)); // a position never recorded: absent
      }
    }
    int[] gen = recorder.generations();
    for (int i = 0; i < n; i++) {
      int k = order.get(i);
      assertThat(gen[i]).as("commit %d, recorded %d-th", k, i).isEqualTo(model[k]);
    }
  }
}
