package dev.pizza.jgit.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The word-at-a-time searches against byte loops: every position of a match within and at the edges
 * of a word, bytes next to the sought one (a borrow or carry must not mark them), all byte values,
 * ranges not aligned to words.
 */
class BytesProperties {

  @Property(tries = 2000)
  void searchesAndCountsEqualByteLoops(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 70) int length, @ForAll byte sought) {
    Random rnd = new Random(seed);
    byte[] text = new byte[length];
    for (int i = 0; i < length; i++) {
      int kind = rnd.nextInt(4);
      text[i] =
          kind == 0
              ? sought
              : kind == 1
                  ? (byte) (sought + 1)
                  : kind == 2 ? (byte) (sought - 1) : (byte) rnd.nextInt();
    }
    int from = length == 0 ? 0 : rnd.nextInt(length + 1);
    int to = from + rnd.nextInt(length - from + 1);
    int first = -1;
    int last = -1;
    int count = 0;
    for (int i = from; i < to; i++) {
      if (text[i] == sought) {
        first = first < 0 ? i : first;
        last = i;
        count++;
      }
    }
    assertThat(Bytes.indexOf(text, sought, from, to)).isEqualTo(first);
    assertThat(Bytes.lastIndexOf(text, sought, from, to)).isEqualTo(last);
    assertThat(Bytes.count(text, sought, from, to)).isEqualTo(count);
  }
}
