package dev.pizza.jgit.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Cases of the line counter worked out by hand and checked with git 2.39. */
class LineCounterTest {
  private static LineCounter.Counts git(String a, String b) {
    return LineCounter.git(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE);
  }

  @Test
  void manyMatchedLineAmidUnmatchedOnes_isDiscarded_asGitMinimalDoes() {
    // The minimal script keeps one X (+3 -8); git discards it first and reports +4 -9.
    String a = "p1\np2\np3\np4\nX\nq1\nq2\nq3\nq4\n";
    String b = "X\nX\nX\nX\n";
    assertThat(git(a, b)).isEqualTo(new LineCounter.Counts(4, 9));
    assertThat(
            LineCounter.minimal(
                a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8),
                Long.MAX_VALUE))
        .isEqualTo(new LineCounter.Counts(3, 8));
  }

  @Test
  void lastLineWithoutNewline_differsFromTheSameLineWithOne() {
    assertThat(git("a\nb", "a\nb\n")).isEqualTo(new LineCounter.Counts(1, 1));
  }

  @Test
  void crlf_isPartOfTheLine() {
    assertThat(git("a\r\nb\r\n", "a\nb\r\n")).isEqualTo(new LineCounter.Counts(1, 1));
  }

  @Test
  void fewLinesBetweenHeadAndTail_sharingALineInAnotherPlace_keepTheSharedLine() {
    // The shared line "b" must be matched (+1 -1), not every line counted as changed (+2 -2).
    assertThat(git("h\na\nb\nt\n", "h\nb\nc\nt\n")).isEqualTo(new LineCounter.Counts(1, 1));
    // Nothing shared: all replaced. Checked with git diff --no-index --numstat --minimal.
    assertThat(git("h\na\nb\nt", "h\nc\nd\ne\nt")).isEqualTo(new LineCounter.Counts(3, 2));
    assertThat(git("a\nb", "b\na\n")).isEqualTo(new LineCounter.Counts(1, 1));
  }

  @Test
  void emptyTexts_haveNoLines() {
    assertThat(git("", "")).isEqualTo(new LineCounter.Counts(0, 0));
    assertThat(git("", "x")).isEqualTo(new LineCounter.Counts(1, 0));
  }

  @Test
  void oneLineEachBetweenCommonHeadAndTail_isOneRemovedOneAdded_evenIfItOccursElsewhere() {
    // Checked with git diff --no-index --numstat --minimal: 1 1.
    assertThat(git("X\nX\nX\nX\nY\nX\nX\nX\nX\n", "X\nX\nX\nX\nX\nX\nX\nX\nX\n"))
        .isEqualTo(new LineCounter.Counts(1, 1));
    assertThat(git("{\"a\": 1, \"b\": 2}", "{\"a\": 1, \"b\": 3}"))
        .isEqualTo(new LineCounter.Counts(1, 1));
    assertThat(git("x\nsame\n", "x\nsame")).isEqualTo(new LineCounter.Counts(1, 1));
  }

  @Test
  void nothingLeftOnOneSide_countsTheOthersLines() {
    // git: 2 0 and 0 2.
    assertThat(git("X\nX\nY\nX\n", "X\nX\nY\nZ\nZ\nX\n")).isEqualTo(new LineCounter.Counts(2, 0));
    assertThat(git("X\nX\nY\nZ\nZ\nX\n", "X\nX\nY\nX\n")).isEqualTo(new LineCounter.Counts(0, 2));
    assertThat(git("a\n", "a\nb")).isEqualTo(new LineCounter.Counts(1, 0));
  }

  @Test
  void searchPastTheBudget_givesUp() {
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      a.append(i % 7).append('\n');
      b.append(i % 11).append('\n');
    }
    byte[] x = a.toString().getBytes(StandardCharsets.UTF_8);
    byte[] y = b.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(LineCounter.git(x, y, 1000)).isNull();
    assertThat(LineCounter.git(x, y, Long.MAX_VALUE)).isNotNull();
  }
}
