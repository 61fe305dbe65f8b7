package dev.pizza.jgit.internal.walk;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable list of (commit id, generation) pairs in flat int arrays, sortable by id: what a walk
 * learns and a {@link GenerationIndex} layer holds. Not thread safe.
 */
final class GenerationEntries {
  private int[] ids = new int[5 * 64];
  private int[] gens = new int[64];
  private int size;

  int size() {
    return size;
  }

  void add(int[] w, int off, int gen) {
    if (size == gens.length) {
      gens = Arrays.copyOf(gens, size * 2);
      ids = Arrays.copyOf(ids, size * 10);
    }
    System.arraycopy(w, off, ids, size * 5, 5);
    gens[size++] = gen;
  }

  void put(int i, ByteBuffer buf) {
    for (int k = 0; k < 5; k++) {
      buf.putInt(ids[i * 5 + k]);
    }
    buf.putInt(gens[i]);
  }

  /** Sorts by id: a primitive sort on the first word, then ties settled by the full id. */
  void sort() {
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      keys[i] = ((long) (ids[i * 5] ^ Integer.MIN_VALUE) << 32) | i;
    }
    Arrays.sort(keys);
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = (int) keys[i];
    }
    for (int i = 0; i < size; ) {
      int j = i + 1;
      while (j < size && ids[order[j] * 5] == ids[order[i] * 5]) {
        j++;
      }
      if (j - i > 1) {
        Integer[] run = new Integer[j - i];
        for (int k = i; k < j; k++) {
          run[k - i] = order[k];
        }
        Arrays.sort(run, this::compareIds);
        for (int k = i; k < j; k++) {
          order[k] = run[k - i];
        }
      }
      i = j;
    }
    int[] newIds = new int[ids.length];
    int[] newGens = new int[gens.length];
    for (int i = 0; i < size; i++) {
      System.arraycopy(ids, order[i] * 5, newIds, i * 5, 5);
      newGens[i] = gens[order[i]];
    }
    ids = newIds;
    gens = newGens;
  }

  private int compareIds(int a, int b) {
    for (int k = 0; k < 5; k++) {
      int c = Integer.compareUnsigned(ids[a * 5 + k], ids[b * 5 + k]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** After {@link #sort()}, keeps one entry per id. */
  void dropDuplicates() {
    int out = 0;
    for (int i = 0; i < size; i++) {
      if (out > 0 && compareIds(out - 1, i) == 0) {
        continue;
      }
      if (out != i) {
        System.arraycopy(ids, i * 5, ids, out * 5, 5);
        gens[out] = gens[i];
      }
      out++;
    }
    size = out;
  }
}
