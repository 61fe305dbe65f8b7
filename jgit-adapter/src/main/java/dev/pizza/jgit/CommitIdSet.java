package dev.pizza.jgit;

import org.eclipse.jgit.lib.AnyObjectId;

/**
 * A set of SHA-1 object ids in one flat {@code int[]}: five ints per slot, open addressing with
 * linear probing, the all-zero id as the empty slot (no object has it). At most about 29 bytes per
 * id at the highest load, against well over 100 for a {@code RevCommit} in a {@code RevWalk}. Not
 * thread safe.
 */
final class CommitIdSet {
  static final int WORDS = 5;
  private static final double LOAD = 0.7;

  private int[] table;
  private int mask;
  private int size;
  private int limit;

  CommitIdSet(int expected) {
    int slots = 16;
    while (slots * LOAD < expected) {
      slots <<= 1;
    }
    table = new int[slots * WORDS];
    mask = slots - 1;
    limit = (int) (slots * LOAD);
  }

  int size() {
    return size;
  }

  /** Adds {@code id}; returns true if it was not present. */
  boolean add(AnyObjectId id) {
    int[] w = new int[WORDS];
    Ids.toWords(id, w, 0);
    return add(w, 0);
  }

  /** Adds the id held as five words at {@code w[off..off+4]}; returns true if it was new. */
  boolean add(int[] w, int off) {
    if (size >= limit) {
      grow();
    }
    int slot = find(w, off);
    int base = slot * WORDS;
    if (!isEmpty(table, base)) {
      return false;
    }
    System.arraycopy(w, off, table, base, WORDS);
    size++;
    return true;
  }

  /** Returns whether the id held as five words at {@code w[off..]} is present. */
  boolean contains(int[] w, int off) {
    return !isEmpty(table, find(w, off) * WORDS);
  }

  boolean contains(AnyObjectId id) {
    int[] w = new int[WORDS];
    Ids.toWords(id, w, 0);
    return contains(w, 0);
  }

  /** Returns the slot holding the id, or the empty slot where it would go. */
  private int find(int[] w, int off) {
    if ((w[off] | w[off + 1] | w[off + 2] | w[off + 3] | w[off + 4]) == 0) {
      throw new IllegalArgumentException("the zero id names no object");
    }
    int[] t = table;
    int slot = mix(w[off + 1]) & mask;
    while (true) {
      int base = slot * WORDS;
      if (isEmpty(t, base)
          || (t[base] == w[off]
              && t[base + 1] == w[off + 1]
              && t[base + 2] == w[off + 2]
              && t[base + 3] == w[off + 3]
              && t[base + 4] == w[off + 4])) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  private static boolean isEmpty(int[] t, int base) {
    return (t[base] | t[base + 1] | t[base + 2] | t[base + 3] | t[base + 4]) == 0;
  }

  private static int mix(int h) {
    return h * 0x9E3779B9;
  }

  private void grow() {
    int[] old = table;
    int slots = (mask + 1) * 2;
    table = new int[slots * WORDS];
    mask = slots - 1;
    limit = (int) (slots * LOAD);
    for (int base = 0; base < old.length; base += WORDS) {
      if (!isEmpty(old, base)) {
        System.arraycopy(old, base, table, find(old, base) * WORDS, WORDS);
      }
    }
  }
}
