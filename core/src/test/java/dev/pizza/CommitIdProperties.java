package dev.pizza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A commit id accepts exactly the strings of 40 or 64 hex digits in either case and keeps them in
 * lowercase, whatever shortcut the constructor takes for the usual lowercase id.
 */
class CommitIdProperties {

  @Property(tries = 2000)
  void anIdOfHexDigitsIsKeptInLowercase_anythingElseIsRefused(@ForAll("candidates") String hex) {
    boolean valid = hex.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
    if (valid) {
      assertThat(new CommitId(hex).hex()).isEqualTo(hex.toLowerCase(Locale.ROOT));
    } else {
      assertThatThrownBy(() -> new CommitId(hex)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** Mostly hex digits, with now and then a character next to a digit range or outside ASCII. */
  @Provide
  Arbitrary<String> candidates() {
    Arbitrary<Character> hexDigit = Arbitraries.of("0123456789abcdefABCDEF".toCharArray());
    Arbitrary<Character> near = Arbitraries.of("/:@G`g \u00e0\u0660\uff10\u2000".toCharArray());
    Arbitrary<Character> c =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(60, hexDigit), net.jqwik.api.Tuple.of(1, near));
    return Arbitraries.oneOf(
        c.list().ofSize(40).map(CommitIdProperties::join),
        c.list().ofSize(64).map(CommitIdProperties::join));
  }

  private static String join(java.util.List<Character> chars) {
    StringBuilder b = new StringBuilder();
    chars.forEach(b::append);
    return b.toString();
  }
}
