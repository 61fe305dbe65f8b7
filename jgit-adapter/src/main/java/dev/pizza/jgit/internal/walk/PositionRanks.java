package dev.pizza.jgit.internal.walk;

import java.util.BitSet;

/**
 * The rank of each position of a set of object positions: how many positions of the set lie below
 * it. A lookup reads one word of the set's bits and one count of the bits before that word, two
 * tables of a few hundred kilobytes for a repository of millions of objects, where a hash table of
 * the positions costs a cache miss per lookup and growth as it fills. Immutable.
 */
final class PositionRanks {
  private final long[] bits;

  /** The positions of the set below each word of {@link #bits}. */
  private final int[] before;

  /** The ranks of the positions in {@code set} (later changes to it are not seen). */
  PositionRanks(BitSet set) {
    bits = set.toLongArray();
    before = new int[bits.length];
    int n = 0;
    for (int i = 0; i < bits.length; i++) {
      before[i] = n;
      n += Long.bitCount(bits[i]);
    }
  }

  /** Returns how many positions of the set are below {@code pos}, or -1 if it is not in the set. */
  int rank(int pos) {
    int w = pos >>> 6;
    if (pos < 0 || w >= bits.length) {
      return -1;
    }
    long word = bits[w];
    long bit = 1L << pos;
    if ((word & bit) == 0) {
      return -1;
    }
    return before[w] + Long.bitCount(word & (bit - 1));
  }
}
