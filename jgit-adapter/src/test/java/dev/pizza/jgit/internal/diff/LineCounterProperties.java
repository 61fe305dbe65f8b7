package dev.pizza.jgit.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The line counter against two oracles: a plain LCS dynamic program (the minimal edit script's
 * counts, which {@link LineCounter#minimal} must equal and {@link LineCounter#git} may only exceed)
 * and, on a sample, native {@code git diff --no-index --numstat --minimal}, which {@link
 * LineCounter#git} must equal. Texts are random edits of random line sequences over a small
 * alphabet with a few very frequent lines ({@code }}, blank), so that xdiff's discarding of
 * many-matched lines comes into play.
 */
class LineCounterProperties {
  private static final String[] FREQUENT = {"}", "", "x"};

  /** A text of {@code n} lines, and an edited copy of it; both as lists of lines. */
  private static List<List<String>> pair(long seed, int n, int edits) {
    return pair(seed, n, edits, false);
  }

  private static List<List<String>> pair(long seed, int n, int edits, boolean longLines) {
    Random rnd = new Random(seed);
    List<String> a = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      a.add(longLines ? longLine(rnd) : line(rnd));
    }
    List<String> b = new ArrayList<>(a);
    if (rnd.nextInt(3) == 0) {
      // Mostly new text: runs of unmatched lines around frequent ones, where xdiff discards.
      b.clear();
      for (int i = rnd.nextInt(n + 1); i > 0; i--) {
        b.add(rnd.nextBoolean() ? FREQUENT[0] : "n" + rnd.nextInt(1000));
      }
    }
    for (int e = 0; e < edits; e++) {
      int op = rnd.nextInt(3);
      if (op == 0 || b.isEmpty()) {
        b.add(rnd.nextInt(b.size() + 1), longLines ? longLine(rnd) : line(rnd));
      } else if (op == 1) {
        b.remove(rnd.nextInt(b.size()));
      } else {
        b.set(rnd.nextInt(b.size()), longLines ? longLine(rnd) : line(rnd));
      }
    }
    return List.of(a, b);
  }

  private static String line(Random rnd) {
    return rnd.nextInt(2) == 0 ? FREQUENT[rnd.nextInt(FREQUENT.length)] : "l" + rnd.nextInt(25);
  }

  /**
   * A line of 0 to 40 characters from a few that look like a newline to a careless word trick (tab,
   * vertical tab, U+0001, U+008A), so lines cross and end inside eight-byte words.
   */
  private static String longLine(Random rnd) {
    if (rnd.nextInt(4) == 0) {
      return FREQUENT[rnd.nextInt(FREQUENT.length)];
    }
    char[] alphabet = {'a', 'b', '\t', '\u000b', '\u0001', '\u008a', '\r'};
    StringBuilder s = new StringBuilder();
    for (int i = rnd.nextInt(41); i > 0; i--) {
      s.append(alphabet[rnd.nextInt(rnd.nextBoolean() ? 2 : alphabet.length)]);
    }
    return s.toString();
  }

  /** The lines joined with newlines; the last one without a newline when {@code open}. */
  private static byte[] text(List<String> lines, boolean open) {
    String s = String.join("\n", lines) + (lines.isEmpty() || open ? "" : "\n");
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The oracle: the LCS of the two texts' lines by dynamic programming. */
  private static int[] model(byte[] a, byte[] b) {
    List<String> x = split(a);
    List<String> y = split(b);
    int[][] l = new int[x.size() + 1][y.size() + 1];
    for (int i = x.size() - 1; i >= 0; i--) {
      for (int j = y.size() - 1; j >= 0; j--) {
        l[i][j] =
            x.get(i).equals(y.get(j)) ? l[i + 1][j + 1] + 1 : Math.max(l[i + 1][j], l[i][j + 1]);
      }
    }
    return new int[] {y.size() - l[0][0], x.size() - l[0][0]};
  }

  /** Lines with their terminators, as xdiff compares them. */
  private static List<String> split(byte[] t) {
    String s = new String(t, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    int p = 0;
    while (p < s.length()) {
      int nl = s.indexOf('\n', p);
      int end = nl < 0 ? s.length() : nl + 1;
      out.add(s.substring(p, end));
      p = end;
    }
    return out;
  }

  @Property(tries = 1000)
  void minimal_equalsTheLcsModel(
      @ForAll long seed,
      @ForAll @IntRange(max = 60) int n,
      @ForAll @IntRange(max = 30) int edits,
      @ForAll boolean openA,
      @ForAll boolean openB) {
    List<List<String>> p = pair(seed, n, edits);
    byte[] a = text(p.get(0), openA);
    byte[] b = text(p.get(1), openB);
    int[] expected = model(a, b);
    LineCounter.Counts c = LineCounter.minimal(a, b, Long.MAX_VALUE);
    assertThat(new int[] {c.added(), c.removed()}).as("+/- of %s", p).containsExactly(expected);
    LineCounter.Counts g = LineCounter.git(a, b, Long.MAX_VALUE);
    assertThat(g.added() - expected[0])
        .as("git's counts exceed the minimal ones equally on both sides")
        .isEqualTo(g.removed() - expected[1])
        .isGreaterThanOrEqualTo(0);
  }

  @Property(tries = 500)
  void minimal_equalsTheLcsModel_onLongLines(
      @ForAll long seed,
      @ForAll @IntRange(max = 60) int n,
      @ForAll @IntRange(max = 30) int edits,
      @ForAll boolean openA,
      @ForAll boolean openB) {
    List<List<String>> p = pair(seed, n, edits, true);
    byte[] a = text(p.get(0), openA);
    byte[] b = text(p.get(1), openB);
    int[] expected = model(a, b);
    LineCounter.Counts c = LineCounter.minimal(a, b, Long.MAX_VALUE);
    assertThat(new int[] {c.added(), c.removed()}).as("+/- of %s", p).containsExactly(expected);
  }

  @Property(tries = 150)
  void git_equalsNativeGitDiffMinimal(
      @ForAll long seed,
      @ForAll @IntRange(max = 120) int n,
      @ForAll @IntRange(max = 60) int edits,
      @ForAll boolean openA,
      @ForAll boolean openB)
      throws Exception {
    List<List<String>> p = pair(seed, n, edits, (seed & 1) == 0);
    byte[] a = text(p.get(0), openA);
    byte[] b = text(p.get(1), openB);
    LineCounter.Counts c = LineCounter.git(a, b, Long.MAX_VALUE);
    assertThat(c.added() + " " + c.removed()).as("seed %s", seed).isEqualTo(nativeGit(a, b));
  }

  private static String nativeGit(byte[] a, byte[] b) throws Exception {
    Path dir = Files.createTempDirectory("linecounter");
    try {
      Files.write(dir.resolve("a"), a);
      Files.write(dir.resolve("b"), b);
      Process proc =
          new ProcessBuilder(
                  "git", "diff", "--no-index", "--numstat", "--minimal", "--no-renames", "a", "b")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      proc.waitFor();
      if (out.isBlank()) {
        return "0 0";
      }
      String[] f = out.split("\t");
      return f[0] + " " + f[1];
    } finally {
      for (String f : new String[] {"a", "b"}) {
        Files.deleteIfExists(dir.resolve(f));
      }
      Files.delete(dir);
    }
  }
}
