package dev.pizza.jgit.internal.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** PositionRanks gives what counting the set's positions below each one gives, -1 outside it. */
class PositionRanksProperties {

  @Property(tries = 300)
  void ranksEqualACountingModel(
      @ForAll @Size(max = 300) Set<@IntRange(min = 0, max = 3000) Integer> positions) {
    BitSet set = new BitSet();
    positions.forEach(set::set);
    PositionRanks ranks = new PositionRanks(set);
    TreeSet<Integer> sorted = new TreeSet<>(positions);
    for (int pos = -70; pos <= 3200; pos++) {
      int expected = sorted.contains(pos) ? sorted.headSet(pos).size() : -1;
      assertThat(ranks.rank(pos)).as("position %d", pos).isEqualTo(expected);
    }
    assertThat(ranks.rank(Integer.MIN_VALUE)).isEqualTo(-1);
    assertThat(ranks.rank(Integer.MAX_VALUE)).isEqualTo(-1);
  }
}
