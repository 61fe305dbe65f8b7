package dev.pizza.jgit.internal.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** PositionMap reads back what a HashMap would, over random puts (with overwrites and growth). */
class PositionMapProperties {

  @Property(tries = 300)
  void getsEqualAHashMapModel(
      @ForAll @Size(max = 2000) List<@IntRange(min = 0, max = 5000) Integer> keys,
      @ForAll @Size(max = 2000) List<Integer> values) {
    PositionMap map = new PositionMap();
    Map<Integer, Integer> model = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      int v = values.isEmpty() ? i : values.get(i % values.size());
      map.put(keys.get(i), v);
      model.put(keys.get(i), v);
    }
    for (int k = 0; k <= 5000; k++) {
      assertThat(map.get(k)).as("key %d", k).isEqualTo(model.getOrDefault(k, 0));
    }
  }
}
