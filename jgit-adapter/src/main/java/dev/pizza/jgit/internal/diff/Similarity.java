package dev.pizza.jgit.internal.diff;

import java.util.Arrays;

/**
 * git's measure of how much of one file is copied into another ({@code diffcore-delta.c}): the
 * content is cut into chunks that end at a newline or after 64 bytes, whichever comes first (an
 * unfinished last chunk is left out; in a text file a CR before LF is skipped), each chunk is
 * hashed into one of 107,927 buckets, and a bucket counts the bytes of its chunks. The bytes copied
 * from a source to a destination are the sum over buckets of the smaller of the two counts; the
 * score is those bytes over the larger file's size, in git's units ({@link #MAX_SCORE} is 100%).
 */
final class Similarity {
  /** git's {@code MAX_SCORE}: a score of 100%. */
  static final int MAX_SCORE = 60000;

  /**
   * The measure of a file that takes part in no similarity rename: one larger than the line-stats
   * cut-off, whose content is not read. Its score with any file is 0.
   */
  static final Similarity NONE = new Similarity(new int[0], new int[0], -1);

  private static final int HASHBASE = 107927;
  private static final int CHUNK = 64;

  /** Bucket numbers in ascending order, and the bytes each one counts. */
  private final int[] buckets;

  private final int[] counts;

  /** The size of the file in bytes. */
  final long size;

  private Similarity(int[] buckets, int[] counts, long size) {
    this.buckets = buckets;
    this.counts = counts;
    this.size = size;
  }

  /** git's {@code hash_chars} of {@code data}; {@code text} skips a CR before an LF. */
  static Similarity of(byte[] data, boolean text) {
    return of(data, data.length, text);
  }

  /** As {@link #of(byte[], boolean)}, of {@code data[0..length)}. */
  static Similarity of(byte[] data, int length, boolean text) {
    int[] chunks = new int[16];
    int[] lengths = new int[16];
    int k = 0;
    int n = 0;
    int accum1 = 0;
    int accum2 = 0;
    for (int i = 0; i < length; i++) {
      int c = data[i] & 0xff;
      if (text && c == '\r' && i + 1 < length && data[i + 1] == '\n') {
        continue;
      }
      int old1 = accum1;
      accum1 = (accum1 << 7) ^ (accum2 >>> 25);
      accum2 = (accum2 << 7) ^ (old1 >>> 25);
      accum1 += c;
      if (++n < CHUNK && c != '\n') {
        continue;
      }
      if (k == chunks.length) {
        chunks = Arrays.copyOf(chunks, k * 2);
        lengths = Arrays.copyOf(lengths, k * 2);
      }
      chunks[k] = Integer.remainderUnsigned(accum1 + accum2 * 0x61, HASHBASE);
      lengths[k++] = n;
      n = 0;
      accum1 = 0;
      accum2 = 0;
    }
    // Sort the chunks by bucket (packed with their length), then add up equal buckets.
    long[] packed = new long[k];
    for (int i = 0; i < k; i++) {
      packed[i] = ((long) chunks[i] << 32) | lengths[i];
    }
    Arrays.sort(packed);
    int[] buckets = new int[k];
    int[] counts = new int[k];
    int m = 0;
    for (int i = 0; i < k; i++) {
      int b = (int) (packed[i] >>> 32);
      int len = (int) packed[i];
      if (m > 0 && buckets[m - 1] == b) {
        counts[m - 1] += len;
      } else {
        buckets[m] = b;
        counts[m++] = len;
      }
    }
    return new Similarity(Arrays.copyOf(buckets, m), Arrays.copyOf(counts, m), length);
  }

  /** git's {@code diffcore_count_changes}: the bytes of {@code src} copied into {@code dst}. */
  static long copied(Similarity src, Similarity dst) {
    long copied = 0;
    int i = 0;
    int j = 0;
    while (i < src.buckets.length && j < dst.buckets.length) {
      int a = src.buckets[i];
      int b = dst.buckets[j];
      if (a < b) {
        i++;
      } else if (a > b) {
        j++;
      } else {
        copied += Math.min(src.counts[i++], dst.counts[j++]);
      }
    }
    return copied;
  }

  /**
   * git's {@code estimate_similarity} of two regular files: 0 when their sizes differ too much to
   * reach {@code minimumScore}, else the copied bytes over the larger size, in git's units; 0 with
   * {@link #NONE}.
   */
  static int score(Similarity src, Similarity dst, int minimumScore) {
    if (src == NONE || dst == NONE) {
      return 0;
    }
    long max = Math.max(src.size, dst.size);
    long base = Math.min(src.size, dst.size);
    long delta = max - base;
    if (max * (MAX_SCORE - minimumScore) < delta * MAX_SCORE) {
      return 0;
    }
    if (dst.size == 0) {
      return 0;
    }
    return (int) (copied(src, dst) * MAX_SCORE / max);
  }
}
