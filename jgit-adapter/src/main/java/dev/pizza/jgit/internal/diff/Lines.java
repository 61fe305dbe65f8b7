package dev.pizza.jgit.internal.diff;

/**
 * The lines of two texts as numbers: equal lines (bytes equal, line terminator included, as xdiff
 * compares them) get the same class number, and each class knows how often it occurs in either
 * text. A last line without a newline is a line of its own kind: {@code "a"} and {@code "a\n"}
 * differ. Built in one pass with an open-addressing table; memory is a few ints per line.
 */
final class Lines {
  /** Class numbers of the lines of the first text, then of the second. */
  final int[] a;

  final int[] b;

  /** Per class: occurrences in the first text, in the second. */
  final int[] inA;

  final int[] inB;

  private Lines(int[] a, int[] b, int[] inA, int[] inB) {
    this.a = a;
    this.b = b;
    this.inA = inA;
    this.inB = inB;
  }

  /** Returns the number of lines of {@code text}: a last line without newline counts. */
  static int count(byte[] text) {
    int n = 0;
    for (byte c : text) {
      if (c == '\n') {
        n++;
      }
    }
    return text.length > 0 && text[text.length - 1] != '\n' ? n + 1 : n;
  }

  static Lines of(byte[] x, byte[] y) {
    int nx = count(x);
    int ny = count(y);
    int cap = Integer.highestOneBit(Math.max(4, (nx + ny) * 2 - 1)) << 1;
    Table t = new Table(cap, x, y);
    int[] a = t.classify(x, nx, 0);
    int[] b = t.classify(y, ny, 1);
    int[] inA = new int[t.classes];
    int[] inB = new int[t.classes];
    for (int c : a) {
      inA[c]++;
    }
    for (int c : b) {
      inB[c]++;
    }
    return new Lines(a, b, inA, inB);
  }

  /** Open addressing over (text, start, end) of each class's first line. */
  private static final class Table {
    private final int mask;
    private final int[] slotClass;
    private final int[] slotHash;
    private final byte[][] texts;
    private int[] classText = new int[64];
    private int[] classStart = new int[64];
    private int[] classEnd = new int[64];
    int classes;

    Table(int cap, byte[] x, byte[] y) {
      this.mask = cap - 1;
      this.slotClass = new int[cap];
      this.slotHash = new int[cap];
      java.util.Arrays.fill(slotClass, -1);
      this.texts = new byte[][] {x, y};
    }

    int[] classify(byte[] text, int n, int which) {
      int[] out = new int[n];
      int start = 0;
      for (int i = 0; i < n; i++) {
        int end = start;
        int h = 0x811c9dc5;
        while (end < text.length) {
          byte c = text[end++];
          h = (h ^ c) * 0x01000193;
          if (c == '\n') {
            break;
          }
        }
        out[i] = find(text, start, end, h, which);
        start = end;
      }
      return out;
    }

    private int find(byte[] text, int start, int end, int h, int which) {
      int s = (h ^ (h >>> 16)) & mask;
      while (true) {
        int c = slotClass[s];
        if (c < 0) {
          if (classes == classText.length) {
            classText = java.util.Arrays.copyOf(classText, classes * 2);
            classStart = java.util.Arrays.copyOf(classStart, classes * 2);
            classEnd = java.util.Arrays.copyOf(classEnd, classes * 2);
          }
          classText[classes] = which;
          classStart[classes] = start;
          classEnd[classes] = end;
          slotClass[s] = classes;
          slotHash[s] = h;
          return classes++;
        }
        if (slotHash[s] == h
            && java.util.Arrays.equals(
                texts[classText[c]], classStart[c], classEnd[c], text, start, end)) {
          return c;
        }
        s = (s + 1) & mask;
      }
    }
  }
}
