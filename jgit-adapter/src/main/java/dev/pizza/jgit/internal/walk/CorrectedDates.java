package dev.pizza.jgit.internal.walk;

import org.eclipse.jgit.util.RawParseUtils;

/**
 * The generation numbers the incremental walk orders by: corrected commit dates, git's generation
 * number v2 (commit-graph format, since git 2.31).
 *
 * <p>A commit's corrected date is its committer date in seconds, raised where needed to one more
 * than its parents' highest: strictly greater than every parent's, so popping the highest first
 * still visits every descendant before its ancestors, and the walk stays exact. Unlike the
 * topological level (1 + the parents' highest level) it follows the dates: a new commit on a
 * long-lived branch gets a new date, not a level as low as the branch's fork point, so the walk
 * stops once past the new commits instead of descending to that level through every old commit.
 *
 * <p>Values are unsigned 32-bit ints, never 0 (0 means "unknown"); dates outside [1970, 2097] are
 * clamped into it, which keeps the order strict since only the raise-above-parents rule matters for
 * exactness.
 */
final class CorrectedDates {
  /** The highest date kept as given, leaving room above it for raising chains of commits. */
  static final long MAX_DATE = 0xF000_0000L;

  private CorrectedDates() {}

  /**
   * Returns the corrected date of a commit dated {@code seconds} whose parents' highest corrected
   * date is {@code maxParent} (an unsigned int; 0 for a root).
   */
  static int of(long seconds, int maxParent) {
    long date = Math.max(1, Math.min(seconds, MAX_DATE));
    long raised = Integer.toUnsignedLong(maxParent) + 1;
    long v = Math.max(date, raised);
    if (v > 0xFFFF_FFFFL) {
      throw new IllegalStateException("corrected commit date overflows 32 bits");
    }
    return (int) v;
  }

  /**
   * Returns the committer date, in seconds, of the raw commit {@code raw} (ids of {@code hexLength}
   * digits); 0 when it has none that parses (such a commit is then ordered by its parents alone).
   */
  static long committerSeconds(byte[] raw, int hexLength) {
    CommitHeader header = new CommitHeader(raw, hexLength);
    while (header.nextParent()) {
      // the committer line follows the parents
    }
    for (int at = header.nextLine(); at >= 0; at = header.nextLine()) {
      // the line's end looked for on the committer line only, not on every line passed over
      if (CommitHeader.startsWith(raw, at, CommitHeader.COMMITTER)) {
        return seconds(raw, at, RawParseUtils.nextLF(raw, at) - 1);
      }
    }
    return 0;
  }

  /** The number after the last {@code '>'} of the line {@code raw[from, to)}. */
  private static long seconds(byte[] raw, int from, int to) {
    int gt = to - 1;
    while (gt >= from && raw[gt] != '>') {
      gt--;
    }
    int i = gt + 1;
    while (i < to && raw[i] == ' ') {
      i++;
    }
    boolean negative = i < to && raw[i] == '-';
    if (negative) {
      i++;
    }
    long v = 0;
    int digits = 0;
    for (; i < to && raw[i] >= '0' && raw[i] <= '9' && digits < 18; i++, digits++) {
      v = v * 10 + (raw[i] - '0');
    }
    return gt < from || digits == 0 || negative ? 0 : v;
  }
}
