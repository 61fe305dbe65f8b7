package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoTest {
  @Test
  void argument_withPassword_hidesTheUserInfo() {
    assertThat(Echo.argument("https://alice:SECRET@example.com/x.git"))
        .isEqualTo("https://***@example.com/x.git");
    assertThat(Echo.argument("ssh://bob:p%40ss@example.com/x")).doesNotContain("p%40ss", "bob");
  }

  @Test
  void escape_controlCharacters_becomeVisibleEscapes() {
    assertThat(Echo.escape("a\nb\rc\td\u001b[31me\u0007f\u007fg\u2028h"))
        .isEqualTo("a\\nb\\rc\\td\\x1b[31me\\x07f\\x7fg\\u2028h");
  }

  @Test
  void escape_plainText_isUnchanged() {
    String s = "/home/ünïcødé/repo ☃ 🍕";
    assertThat(Echo.escape(s)).isSameAs(s);
  }

  @Test
  void message_quotingAnArgument_hidesItsCredentials() {
    String arg = "https://alice:SECRET@example.com/x";
    assertThat(Echo.message("Unmatched argument at index 1: '" + arg + "'\n", "bake", arg))
        .isEqualTo("Unmatched argument at index 1: 'https://***@example.com/x'\\n");
  }

  @Test
  void isUnsafe_surroundingWhiteSpaceOrControls_only() {
    assertThat(Echo.isUnsafe("/tmp/repo\n")).isTrue();
    assertThat(Echo.isUnsafe(" /tmp/repo")).isTrue();
    assertThat(Echo.isUnsafe("/tmp/re\u001bpo")).isTrue();
    assertThat(Echo.isUnsafe("/tmp/my repo")).isFalse();
  }
}
