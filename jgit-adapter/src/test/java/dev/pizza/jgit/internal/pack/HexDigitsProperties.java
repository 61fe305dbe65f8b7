package dev.pizza.jgit.internal.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * HexDigits agrees with Character.digit and Integer.parseUnsignedInt over ids of hex digits of
 * either case, with a byte of any value put anywhere in them.
 */
class HexDigitsProperties {

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(40);
  }

  @Property(tries = 1000)
  void readsAndChecksAsTheModelDoes(
      @ForAll("ids") String id,
      @ForAll boolean damaged,
      @ForAll byte junk,
      @ForAll("index") int at) {
    byte[] raw = ("x" + id + "\n").getBytes(StandardCharsets.ISO_8859_1);
    if (damaged) {
      raw[1 + at] = junk;
    }
    boolean modelHex = true;
    for (int i = 1; i <= 40; i++) {
      modelHex &= Character.digit((char) (raw[i] & 0xff), 16) >= 0 && (raw[i] & 0x80) == 0;
    }
    assertThat(HexDigits.isHex(raw, 1, 40)).isEqualTo(modelHex);
    int[] out = new int[6];
    out[5] = 12345;
    assertThat(HexDigits.words(raw, 1, 5, out, 0)).isEqualTo(modelHex);
    if (modelHex) {
      String s = new String(raw, 1, 40, StandardCharsets.ISO_8859_1);
      for (int k = 0; k < 5; k++) {
        assertThat(out[k]).isEqualTo(Integer.parseUnsignedInt(s.substring(8 * k, 8 * k + 8), 16));
      }
    }
    assertThat(out[5]).as("past the words asked for").isEqualTo(12345);
  }

  @Provide
  Arbitrary<Integer> index() {
    return Arbitraries.integers().between(0, 39);
  }
}
