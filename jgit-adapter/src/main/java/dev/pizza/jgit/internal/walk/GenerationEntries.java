package dev.pizza.jgit.internal.walk;

import dev.pizza.jgit.internal.pack.ObjectFormat;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable list of (commit id, generation) pairs in flat int arrays, sortable by id: what a walk
 * learns and a {@link GenerationIndex} layer holds. Not thread safe.
 */
final class GenerationEntries {
  private final int words;
  private int[] ids;
  private int[] gens = new int[64];
  private int size;

  /** An empty list of ids of {@code words} words each (see {@link ObjectFormat#words()}). */
  GenerationEntries(int words) {
    this.words = words;
    this.ids = new int[words * 64];
  }

  int words() {
    return words;
  }

  int size() {
    return size;
  }

  void add(int[] w, int off, int gen) {
    if (size == gens.length) {
      gens = Arrays.copyOf(gens, size * 2);
      ids = Arrays.copyOf(ids, size * 2 * words);
    }
    System.arraycopy(w, off, ids, size * words, words);
    gens[size++] = gen;
  }

  /** Sets the generation of the entry at {@code i} (in the order added, before any sort). */
  void setGeneration(int i, int gen) {
    gens[i] = gen;
  }

  /**
   * Sets the generations of the first {@code gen.length} entries (in the order added, before any
   * sort) at once: a copy, not a loop that would run interpreted over a whole history.
   */
  void setGenerations(int[] gen) {
    System.arraycopy(gen, 0, gens, 0, gen.length);
  }

  void put(int i, ByteBuffer buf) {
    for (int k = 0; k < words; k++) {
      buf.putInt(ids[i * words + k]);
    }
    buf.putInt(gens[i]);
  }

  /** Sorts by id: a primitive sort on the first word, then ties settled by the full id. */
  void sort() {
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      keys[i] = ((long) (ids[i * words] ^ Integer.MIN_VALUE) << 32) | i;
    }
    Arrays.sort(keys);
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = (int) keys[i];
    }
    for (int i = 0; i < size; ) {
      int j = i + 1;
      while (j < size && ids[order[j] * words] == ids[order[i] * words]) {
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
      System.arraycopy(ids, order[i] * words, newIds, i * words, words);
      newGens[i] = gens[order[i]];
    }
    ids = newIds;
    gens = newGens;
  }

  private int compareIds(int a, int b) {
    for (int k = 0; k < words; k++) {
      int c = Integer.compareUnsigned(ids[a * words + k], ids[b * words + k]);
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
        System.arraycopy(ids, i * words, ids, out * words, words);
        gens[out] = gens[i];
      }
      out++;
    }
    size = out;
  }
}
