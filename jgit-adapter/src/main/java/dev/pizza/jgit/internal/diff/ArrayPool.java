package dev.pizza.jgit.internal.diff;

import dev.pizza.jgit.internal.pack.ObjectSource;
import java.util.ArrayDeque;

/**
 * Arrays to read objects into, handed back for reuse once their reader is done with them. An array
 * taken is of a size class a little longer than asked for: the powers of two from {@link #MIN} on
 * and the three sizes between each two (so at most a quarter is unused). Holds at most {@code
 * maxBytes} of free arrays, none longer than {@code maxLength}; a longer one is allocated for its
 * exact length and not kept.
 *
 * <p>Why: in a JVM with only C1's code, a new array of 2 KB cost about four times as much as
 * copying 2 KB into an array used lately (the new one is in memory no cache holds yet), and the
 * tree stage of a line-stats bake read a new array for each of its 330,000 trees on the synthetic
 * 100k-commit history. Not thread safe.
 */
final class ArrayPool implements ObjectSource.Buffers {
  static final int MIN = 64;

  private final long maxBytes;
  private final int maxLength;
  private final ArrayDeque<byte[]>[] free;
  private long bytes;
  private byte[] last = new byte[0];

  @SuppressWarnings("unchecked")
  ArrayPool(long maxBytes, int maxLength) {
    this.maxBytes = maxBytes;
    this.maxLength = Math.max(MIN, maxLength);
    this.free = new ArrayDeque[sizeClass(this.maxLength) + 1];
    for (int i = 0; i < free.length; i++) {
      free[i] = new ArrayDeque<>();
    }
  }

  /** An array of at least {@code length} bytes: a free one of its size class, or a new one. */
  @Override
  public byte[] take(int length) {
    byte[] a;
    if (length > maxLength) {
      a = new byte[length];
    } else {
      int c = sizeClass(length);
      a = free[c].pollLast();
      if (a == null) {
        a = new byte[sizeOf(c)];
      } else {
        bytes -= a.length;
      }
    }
    last = a;
    return a;
  }

  /** The array {@link #take} gave last. */
  byte[] last() {
    return last;
  }

  /**
   * Takes back {@code a}, which its reader no longer uses, if it is of a size class and there is
   * room.
   */
  void give(byte[] a) {
    if (a.length < MIN || a.length > maxLength || bytes + a.length > maxBytes) {
      return;
    }
    int c = sizeClass(a.length);
    if (sizeOf(c) == a.length) {
      free[c].addLast(a);
      bytes += a.length;
    }
  }

  /** The bytes held in free arrays. */
  long bytes() {
    return bytes;
  }

  /** The smallest size class at least {@code length} long: 64, 80, 96, 112, 128, 160... */
  static int sizeClass(int length) {
    if (length <= MIN) {
      return 0;
    }
    int k = 31 - Integer.numberOfLeadingZeros(length - 1); // 2^k < length <= 2^(k+1)
    int quarter = ((length - 1) >>> (k - 2)) & 3; // 2^k + quarter * 2^(k-2) < length
    return 4 * (k - 6) + quarter + 1;
  }

  /** The length of the arrays of size class {@code c}. */
  static int sizeOf(int c) {
    if (c == 0) {
      return MIN;
    }
    int k = (c - 1) / 4 + 6;
    int quarter = (c - 1) % 4;
    return (1 << k) + ((quarter + 1) << (k - 2));
  }
}
