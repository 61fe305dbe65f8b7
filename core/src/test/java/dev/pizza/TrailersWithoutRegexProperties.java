package dev.pizza;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-written scans that replaced regular expressions and a split of every line on the bake's
 * hot path give exactly what the expressions and the split gave, on messages made of the characters
 * that matter (line breaks, whitespace of every kind, trailer punctuation).
 */
class TrailersWithoutRegexProperties {

  @Provide
  Arbitrary<String> messages() {
    return Arbitraries.strings()
        .withChars("ab: -\n\r\t\u000B\f\u2003\u001C<>@(")
        .ofMaxLength(60)
        .injectDuplicates(0.1);
  }

  @Property(tries = 1000)
  void subject_isTheRegexReplacementOfTheFirstParagraph(@ForAll("messages") String message) {
    int end = message.indexOf("\n\n");
    String first = end < 0 ? message : message.substring(0, end);
    String expected = first.strip().replaceAll("\\s*\\r?\\n\\s*", " ");
    assertThat(Trailers.collapseWhitespace(first.strip(), true)).isEqualTo(expected);
  }

  @Property(tries = 1000)
  void collapsingAllWhitespace_isTheRegexReplacement(@ForAll("messages") String text) {
    assertThat(Trailers.collapseWhitespace(text, false)).isEqualTo(text.replaceAll("\\s+", " "));
  }

  @Property(tries = 1000)
  void lastParagraph_isWhatSplittingEveryLineFound(@ForAll("messages") String message) {
    assertThat(List.of(Trailers.lastParagraph(message)))
        .isEqualTo(List.of(lastParagraphBySplit(message)));
  }

  /** The former implementation, kept as the reference. */
  private static String[] lastParagraphBySplit(String message) {
    String[] lines = message.replace("\r\n", "\n").stripTrailing().split("\n", -1);
    int lastBlank = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        lastBlank = i;
      }
    }
    boolean textBefore = false;
    for (int i = 0; i < lastBlank && !textBefore; i++) {
      textBefore = !lines[i].isBlank();
    }
    if (!textBefore || lastBlank + 1 >= lines.length) {
      return new String[0];
    }
    String[] block = new String[lines.length - lastBlank - 1];
    System.arraycopy(lines, lastBlank + 1, block, 0, block.length);
    return block;
  }
}
