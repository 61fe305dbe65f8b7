package dev.pizza.jgit.internal.diff;

/**
 * How file changes are computed.
 *
 * @param merges whether a merge is diffed against its first parent; false: it gets no file changes,
 *     as {@code git log --numstat} shows none
 * @param maxFileBytes the cut-off by size: a file pair with a side larger than this is reported as
 *     changed and too large, without a line diff
 * @param maxSteps the cut-off by work: a pair whose line diff needs more steps than this (see
 *     {@link LineCounter}) is reported as too large
 */
public record DiffOptions(boolean merges, int maxFileBytes, long maxSteps) {

  /** 8 MiB per side, 200 million steps (about a second), merges without changes. */
  public static final DiffOptions DEFAULT = new DiffOptions(false, 8 << 20, 200_000_000L);

  /** Checks the limits. */
  public DiffOptions {
    if (maxFileBytes < 0 || maxSteps < 0) {
      throw new IllegalArgumentException("negative cut-off: " + maxFileBytes + ", " + maxSteps);
    }
  }
}
