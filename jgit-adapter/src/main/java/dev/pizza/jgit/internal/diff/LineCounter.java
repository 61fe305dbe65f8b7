package dev.pizza.jgit.internal.diff;

import org.jspecify.annotations.Nullable;

/**
 * Counts the lines added and removed between two texts exactly as {@code git diff --numstat
 * --minimal} does, without producing the edit script.
 *
 * <p>Git's xdiff, asked for a minimal diff, still prepares the two files first, and so does this
 * class, step for step ({@code xprepare.c}): lines become class numbers ({@link Lines}); the common
 * prefix and suffix are cut off; a line that does not occur in the other file at all is marked
 * changed; a line that occurs there {@code bogosqrt(n)} times or more (at most 1024) is marked
 * changed too when it sits in a run of such lines that mostly consists of unmatched ones ({@code
 * xdl_clean_mmatch}). The lines left are then compared by Myers' O(ND) greedy search, which finds
 * the length D of a shortest edit script; only D is needed, so memory is two int arrays as long as
 * the files (no trace is kept). Without the preparation ({@link #minimal}) the counts are those of
 * a true minimal edit script; with it they can, rarely, be a little larger, as git's are.
 *
 * <p>Cut-off: the search gives up once it has done more than {@code budget} steps (a step is one
 * diagonal visited or one equal line followed), and the caller reports the file as too large. A
 * pair of files costs O((N+M)·D) steps.
 */
final class LineCounter {
  private static final int MAX_EQLIMIT = 1024;
  private static final int SIMSCAN_WINDOW = 100;
  private static final int KPDIS_RUN = 4;

  /** Lines added and removed. */
  record Counts(int added, int removed) {}

  private LineCounter() {}

  /** Counts as git does; null when the search needed more than {@code budget} steps. */
  static @Nullable Counts git(byte[] oldText, byte[] newText, long budget) {
    return git(oldText, oldText.length, newText, newText.length, budget);
  }

  /**
   * As {@link #git(byte[], byte[], long)}, of {@code oldText[0..oldLength)} and {@code
   * newText[0..newLength)}: the texts may sit in longer arrays (read into reused ones).
   */
  static @Nullable Counts git(
      byte[] oldText, int oldLength, byte[] newText, int newLength, long budget) {
    return count(oldText, oldLength, newText, newLength, true, budget);
  }

  /** Counts of a true minimal edit script (no xdiff preparation); null past the budget. */
  static @Nullable Counts minimal(byte[] oldText, byte[] newText, long budget) {
    return count(oldText, oldText.length, newText, newText.length, false, budget);
  }

  /**
   * Answers without numbering any line when the common head and tail leave nothing on one side (the
   * other side's lines are added or removed) or one line on each (they differ, since the head ends
   * where they do: one removed, one added, whatever xdiff's preparation marks). Most edits of a
   * file are of these kinds, and so is every edit of a file that is one long line.
   */
  private static @Nullable Counts count(
      byte[] x, int xl, byte[] y, int yl, boolean prepare, long budget) {
    int head = Lines.commonHead(x, xl, y, yl);
    int tail = Lines.commonTail(x, xl, y, yl, head);
    int ex = xl - tail;
    int ey = yl - tail;
    if (head == ex) {
      return new Counts(Lines.count(y, head, ey), 0);
    }
    if (head == ey) {
      return new Counts(0, Lines.count(x, head, ex));
    }
    if (Lines.oneLine(x, head, ex) && Lines.oneLine(y, head, ey)) {
      return new Counts(1, 1);
    }
    Counts few = disjoint(x, y, head, ex, ey);
    if (few != null) {
      return few;
    }
    return count(Lines.of(x, xl, y, yl, head, tail), prepare, budget);
  }

  /**
   * Answers without numbering any line when the lines between the common head and tail are few on
   * both sides ({@link #FEW_LINES} at most) and none of one side equals one of the other: then
   * every one of them is removed or added, by a minimal script and by git's alike (a line that
   * cannot be matched stays unmatched whatever xdiff's preparation marks). Comparing the few pairs
   * costs less than the hash table {@link Lines} builds for them; a typical edit of a small file is
   * of this kind. Returns null otherwise.
   */
  private static @Nullable Counts disjoint(byte[] x, byte[] y, int head, int ex, int ey) {
    int[] xs = lineStarts(x, head, ex);
    int[] ys = xs == null ? null : lineStarts(y, head, ey);
    if (xs == null || ys == null) {
      return null;
    }
    int nx = xs.length - 1;
    int ny = ys.length - 1;
    for (int i = 0; i < nx; i++) {
      for (int j = 0; j < ny; j++) {
        if (java.util.Arrays.equals(x, xs[i], xs[i + 1], y, ys[j], ys[j + 1])) {
          return null;
        }
      }
    }
    return new Counts(ny, nx);
  }

  /** Lines between the common head and tail up to which {@link #disjoint} compares them. */
  static final int FEW_LINES = 8;

  /**
   * The starts of the lines of {@code text[from..to)} and then {@code to}, or null if there are
   * more than {@link #FEW_LINES}.
   */
  private static int @Nullable [] lineStarts(byte[] text, int from, int to) {
    int[] starts = new int[FEW_LINES + 1];
    int n = 0;
    for (int p = from; p < to; ) {
      if (n == FEW_LINES) {
        return null;
      }
      starts[n++] = p;
      int nl = Bytes.indexOf(text, (byte) '\n', p, to);
      p = nl < 0 ? to : nl + 1;
    }
    starts[n] = to;
    return java.util.Arrays.copyOf(starts, n + 1);
  }

  private static @Nullable Counts count(Lines l, boolean prepare, long budget) {
    int[] a = l.a;
    int[] b = l.b;
    if (a.length == 0 || b.length == 0) {
      return new Counts(b.length, a.length);
    }
    int[] ra = a;
    int[] rb = b;
    if (prepare) {
      ra = kept(a, marks(a, l.inB, bogosqrt(l.na)));
      rb = kept(b, marks(b, l.inA, bogosqrt(l.nb)));
    }
    int d = distance(ra, rb, budget);
    if (d < 0) {
      return null;
    }
    int common = (ra.length + rb.length - d) / 2;
    return new Counts(b.length - common, a.length - common);
  }

  /** xdiff's {@code xdl_bogosqrt}: an approximate square root by shifts. */
  static int bogosqrt(int n) {
    int i = 1;
    for (; n > 0; n >>= 2) {
      i <<= 1;
    }
    return Math.min(i, MAX_EQLIMIT);
  }

  /** 0: no match in the other file; 1: some; 2: many ({@code >= mlim}). */
  private static byte[] marks(int[] x, int[] inOther, int mlim) {
    byte[] dis = new byte[x.length];
    for (int i = 0; i < x.length; i++) {
      int nm = inOther[x[i]];
      dis[i] = (byte) (nm == 0 ? 0 : nm >= mlim ? 2 : 1);
    }
    return dis;
  }

  private static int[] kept(int[] x, byte[] dis) {
    int[] out = new int[x.length];
    int n = 0;
    for (int i = 0; i < dis.length; i++) {
      if (dis[i] == 1 || (dis[i] == 2 && !cleanMultimatch(dis, i, 0, dis.length - 1))) {
        out[n++] = x[i];
      }
    }
    return n == x.length ? x : java.util.Arrays.copyOf(out, n);
  }

  /** xdiff's {@code xdl_clean_mmatch}: whether the many-match line {@code i} is discarded. */
  private static boolean cleanMultimatch(byte[] dis, int i, int s, int e) {
    if (i - s > SIMSCAN_WINDOW) {
      s = i - SIMSCAN_WINDOW;
    }
    if (e - i > SIMSCAN_WINDOW) {
      e = i + SIMSCAN_WINDOW;
    }
    int rdis0 = 0;
    int rpdis0 = 1;
    for (int r = 1; i - r >= s; r++) {
      if (dis[i - r] == 0) {
        rdis0++;
      } else if (dis[i - r] == 2) {
        rpdis0++;
      } else {
        break;
      }
    }
    if (rdis0 == 0) {
      return false;
    }
    int rdis1 = 0;
    int rpdis1 = 1;
    for (int r = 1; i + r <= e; r++) {
      if (dis[i + r] == 0) {
        rdis1++;
      } else if (dis[i + r] == 2) {
        rpdis1++;
      } else {
        break;
      }
    }
    if (rdis1 == 0) {
      return false;
    }
    rdis1 += rdis0;
    rpdis1 += rpdis0;
    return rpdis1 * KPDIS_RUN < rpdis1 + rdis1;
  }

  /**
   * Myers' greedy search: returns the length of a shortest edit script from {@code a} to {@code b},
   * or -1 after {@code budget} steps.
   */
  static int distance(int[] a, int[] b, long budget) {
    int n = a.length;
    int m = b.length;
    int max = n + m;
    if (max == 0) {
      return 0;
    }
    if (n == 0 || m == 0) {
      return max;
    }
    int[] v = new int[2 * max + 3];
    int off = max + 1;
    long steps = 0;
    for (int d = 0; d <= max; d++) {
      for (int k = -d; k <= d; k += 2) {
        int x;
        if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) {
          x = v[off + k + 1];
        } else {
          x = v[off + k - 1] + 1;
        }
        int y = x - k;
        int x0 = x;
        while (x < n && y < m && a[x] == b[y]) {
          x++;
          y++;
        }
        steps += 1 + (x - x0);
        v[off + k] = x;
        if (x >= n && y >= m) {
          return d;
        }
      }
      if (steps > budget) {
        return -1;
      }
    }
    return max;
  }
}
