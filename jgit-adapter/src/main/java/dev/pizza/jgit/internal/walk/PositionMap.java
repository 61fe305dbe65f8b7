package dev.pizza.jgit.internal.walk;

import java.util.Arrays;

/**
 * A map from object positions to int values, open addressing in one {@code long[]}: its size
 * follows the commits a walk touches, not the positions of the repository (a bit set or array
 * indexed by position would cost a pass over millions of slots per walk). Missing keys read as 0.
 * Not thread safe.
 */
final class PositionMap {
  private static final long EMPTY = -1L;
  private long[] slots;
  private int size;

  PositionMap() {
    slots = new long[64];
    Arrays.fill(slots, EMPTY);
  }

  int get(int pos) {
    int mask = slots.length - 1;
    for (int i = mix(pos) & mask; ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == EMPTY) {
        return 0;
      }
      if ((int) (s >>> 32) == pos) {
        return (int) s;
      }
    }
  }

  void put(int pos, int value) {
    if (size * 2 >= slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    for (int i = mix(pos) & mask; ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == EMPTY) {
        slots[i] = ((long) pos << 32) | (value & 0xffffffffL);
        size++;
        return;
      }
      if ((int) (s >>> 32) == pos) {
        slots[i] = ((long) pos << 32) | (value & 0xffffffffL);
        return;
      }
    }
  }

  private static int mix(int pos) {
    int h = pos * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    Arrays.fill(slots, EMPTY);
    size = 0;
    for (long s : old) {
      if (s != EMPTY) {
        put((int) (s >>> 32), (int) s);
      }
    }
  }
}
