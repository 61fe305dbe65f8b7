package dev.pizza.jgit.internal.diff;

import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The lines of two texts as numbers, with their common head and tail cut off as xdiff's {@code
 * xdl_trim_ends} cuts them: equal lines (bytes equal, line terminator included, as xdiff compares
 * them) get the same class number, and each class knows how often it occurs in either whole text. A
 * last line without newline is a line of its own kind: {@code "a"} and {@code "a\n"} differ.
 *
 * <p>Fast: the common head and tail are found on the bytes (a vectorised mismatch) before any line
 * is hashed; the lines between are hashed eight bytes at a time (a newline found by {@link Bytes})
 * into an open-addressing table, and the lines of the common part are hashed once (they are the
 * same in both texts) only to count the classes they share with the lines between. Memory is a few
 * ints per line between the head and the tail.
 */
final class Lines {
  private static final VarHandle LONGS = Bytes.LONGS;
  private static final long NEWLINES = Bytes.pattern((byte) '\n');
  private static final long K = 0x9E3779B97F4A7C15L;

  /** Class numbers of the lines between the common head and tail, of the first text. */
  final int[] a;

  /** Class numbers of the lines between the common head and tail, of the second text. */
  final int[] b;

  /**
   * Per class: occurrences in the whole first text and in the whole second text (the common head
   * and tail included). Exact only when {@link #a} and {@link #b} are both non-empty; otherwise the
   * counts of the common part are left out, since no line is left to compare.
   */
  final int[] inA;

  final int[] inB;

  /** Lines of the whole first and second text. */
  final int na;

  final int nb;

  private Lines(int[] a, int[] b, int[] inA, int[] inB, int na, int nb) {
    this.a = a;
    this.b = b;
    this.inA = inA;
    this.inB = inB;
    this.na = na;
    this.nb = nb;
  }

  /**
   * The lines of {@code x[0..xl)} and {@code y[0..yl)}, given their {@link #commonHead} and {@link
   * #commonTail}.
   */
  static Lines of(byte[] x, int xl, byte[] y, int yl, int head, int tail) {
    Table t = new Table(x, y, Math.max(xl, yl) - head - tail);
    int[] a = t.classify(x, head, xl - tail, 0);
    int na = t.lines;
    int[] b = t.classify(y, head, yl - tail, 1);
    int nb = t.lines;
    int[] inA = new int[t.classes];
    int[] inB = new int[t.classes];
    for (int i = 0; i < na; i++) {
      inA[a[i]]++;
    }
    for (int i = 0; i < nb; i++) {
      inB[b[i]]++;
    }
    int common;
    if (na > 0 && nb > 0) {
      common = t.countCommon(x, 0, head, inA, inB) + t.countCommon(x, xl - tail, xl, inA, inB);
    } else {
      common = count(x, 0, head) + count(x, xl - tail, xl);
    }
    return new Lines(
        Arrays.copyOf(a, na), Arrays.copyOf(b, nb), inA, inB, na + common, nb + common);
  }

  /**
   * Bytes of the common head of {@code x[0..xl)} and {@code y[0..yl)} that end at a line end in
   * both.
   */
  static int commonHead(byte[] x, int xl, byte[] y, int yl) {
    int m = Arrays.mismatch(x, 0, xl, y, 0, yl);
    if (m < 0) {
      return xl;
    }
    // m is within both or at the end of one: the line holding m differs; back off to its start.
    return Bytes.lastIndexOf(x, (byte) '\n', 0, m) + 1;
  }

  /**
   * Bytes of the common tail that start at a line start in both texts and do not reach into the
   * common head.
   */
  static int commonTail(byte[] x, int xl, byte[] y, int yl, int head) {
    int max = Math.min(xl, yl) - head;
    int s = 0;
    int px = xl;
    int py = yl;
    while (s + 8 <= max && (long) LONGS.get(x, px - s - 8) == (long) LONGS.get(y, py - s - 8)) {
      s += 8;
    }
    while (s < max && x[px - s - 1] == y[py - s - 1]) {
      s++;
    }
    // Both starts must be line starts; past the first byte the bytes are common to both.
    int qx = px - s;
    int qy = py - s;
    if ((qx == 0 || x[qx - 1] == '\n') && (qy == 0 || y[qy - 1] == '\n')) {
      return s;
    }
    // The first newline of x's tail ends the line that differs; the tail starts after it.
    int nl = Bytes.indexOf(x, (byte) '\n', px - s, px);
    return nl < 0 ? 0 : px - nl - 1;
  }

  /** Returns the number of lines of {@code text[from..to)}: a last line without newline counts. */
  static int count(byte[] text, int from, int to) {
    int n = Bytes.count(text, (byte) '\n', from, to);
    return to > from && text[to - 1] != '\n' ? n + 1 : n;
  }

  /**
   * Whether {@code text[from..to)} (not empty) is one line: no newline before its last byte. Reads
   * eight bytes at a time, as {@link #line} does.
   */
  static boolean oneLine(byte[] text, int from, int to) {
    return Bytes.indexOf(text, (byte) '\n', from, to - 1) < 0;
  }

  /**
   * The end of the line that starts at {@code start} (after its newline, or {@code limit}); {@code
   * hash[0]} receives its hash.
   */
  static int line(byte[] text, int start, int limit, long[] hash) {
    int p = start;
    long h = 0;
    while (p + 8 <= limit) {
      long w = (long) LONGS.get(text, p);
      long t = Bytes.equal(w, NEWLINES);
      if (t != 0) {
        int k = Long.numberOfTrailingZeros(t) >>> 3;
        long kept = k == 7 ? w : w & ((1L << ((k + 1) << 3)) - 1);
        h = (h + kept) * K;
        p += k + 1;
        hash[0] = finish(h, p - start);
        return p;
      }
      h = (h + w) * K;
      p += 8;
    }
    if (p < limit) {
      long w = 0;
      int shift = 0;
      while (p < limit) {
        byte c = text[p++];
        w |= (c & 0xffL) << shift;
        shift += 8;
        if (c == '\n') {
          break;
        }
      }
      h = (h + w) * K;
    }
    hash[0] = finish(h, p - start);
    return p;
  }

  private static long finish(long h, int length) {
    h = (h ^ length) * K;
    return h ^ (h >>> 29);
  }

  /** Open addressing over each class's first line: (text, start, end) and hash. */
  private static final class Table {
    private final byte[][] texts;
    private final long[] hash = new long[1];
    private int mask;
    private int[] slots;
    private int[] classHash = new int[64];
    private int[] classText = new int[64];
    private int[] classStart = new int[64];
    private int[] classEnd = new int[64];
    int classes;

    /** Lines found by the last {@link #classify}. */
    int lines;

    Table(byte[] x, byte[] y, int bytes) {
      this.texts = new byte[][] {x, y};
      int cap = Integer.highestOneBit(Math.max(64, Math.min(bytes / 8, 1 << 24))) << 1;
      this.mask = cap - 1;
      this.slots = new int[cap];
      Arrays.fill(slots, -1);
    }

    int[] classify(byte[] text, int from, int to, int which) {
      int[] out = new int[Math.max(16, (to - from) / 24)];
      int n = 0;
      int p = from;
      while (p < to) {
        int end = line(text, p, to, hash);
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = find(text, p, end, hash[0], which, true);
        p = end;
      }
      lines = n;
      return out;
    }

    /**
     * Counts the lines of {@code text[from..to)}, common to both texts, into {@code inA} and {@code
     * inB} for the classes already known; returns how many lines there were.
     */
    int countCommon(byte[] text, int from, int to, int[] inA, int[] inB) {
      int n = 0;
      int p = from;
      while (p < to) {
        int end = line(text, p, to, hash);
        int c = find(text, p, end, hash[0], 0, false);
        if (c >= 0) {
          inA[c]++;
          inB[c]++;
        }
        n++;
        p = end;
      }
      return n;
    }

    private int find(byte[] text, int start, int end, long h, int which, boolean add) {
      int hi = (int) (h ^ (h >>> 32));
      int s = hi & mask;
      while (true) {
        int c = slots[s];
        if (c < 0) {
          return add ? add(s, hi, which, start, end) : -1;
        }
        if (classHash[c] == hi
            && Arrays.equals(texts[classText[c]], classStart[c], classEnd[c], text, start, end)) {
          return c;
        }
        s = (s + 1) & mask;
      }
    }

    private int add(int slot, int hi, int which, int start, int end) {
      if (classes == classText.length) {
        int n = classes * 2;
        classHash = Arrays.copyOf(classHash, n);
        classText = Arrays.copyOf(classText, n);
        classStart = Arrays.copyOf(classStart, n);
        classEnd = Arrays.copyOf(classEnd, n);
      }
      int c = classes++;
      classHash[c] = hi;
      classText[c] = which;
      classStart[c] = start;
      classEnd[c] = end;
      slots[slot] = c;
      if (classes * 2 > slots.length) {
        grow();
      }
      return c;
    }

    private void grow() {
      int cap = slots.length * 2;
      mask = cap - 1;
      slots = new int[cap];
      Arrays.fill(slots, -1);
      for (int c = 0; c < classes; c++) {
        int s = classHash[c] & mask;
        while (slots[s] >= 0) {
          s = (s + 1) & mask;
        }
        slots[s] = c;
      }
    }
  }
}
