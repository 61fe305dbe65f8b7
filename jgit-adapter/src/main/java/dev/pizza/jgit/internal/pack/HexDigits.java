package dev.pizza.jgit.internal.pack;

import java.util.Arrays;

/**
 * Checks and reads the hex digits of the ids in a commit's header by one table: a walk reads the
 * tree id and every parent id of every commit, and a range test per case per byte, then a second
 * pass to read the digits, took a twentieth of the walk thread's time in a bake of rails. Either
 * case is a digit, as git's {@code get_oid_hex} takes either.
 */
public final class HexDigits {
  /** Each byte's value as a hex digit, or -1. */
  private static final byte[] VALUE = values();

  private HexDigits() {}

  /** Whether {@code raw[from, from + n)} are hex digits. */
  public static boolean isHex(byte[] raw, int from, int n) {
    int bad = 0;
    for (int i = from; i < from + n; i++) {
      bad |= VALUE[raw[i] & 0xff];
    }
    return bad >= 0;
  }

  /**
   * Reads the {@code 8 * words} hex digits at {@code raw[from..]} as words (eight digits each, the
   * first digit highest) into {@code out[off..]}; returns false, with {@code out} holding garbage,
   * if any of them is not a hex digit.
   */
  public static boolean words(byte[] raw, int from, int words, int[] out, int off) {
    int bad = 0;
    int p = from;
    for (int k = 0; k < words; k++) {
      int w = 0;
      for (int end = p + 8; p < end; p++) {
        int d = VALUE[raw[p] & 0xff];
        bad |= d;
        w = (w << 4) | (d & 15);
      }
      out[off + k] = w;
    }
    return bad >= 0;
  }

  private static byte[] values() {
    byte[] v = new byte[256];
    Arrays.fill(v, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      v[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      v[c] = (byte) (c - 'a' + 10);
      v[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
    }
    return v;
  }
}
