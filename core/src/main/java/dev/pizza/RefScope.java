package dev.pizza;

/** Which refs' tips a bake treats as the repository's history. */
public enum RefScope {
  /** Every branch ({@code refs/heads/*}) and tag ({@code refs/tags/*}). The default. */
  BRANCHES_AND_TAGS,
  /** Only the default branch (what the remote's {@code HEAD} points at). */
  DEFAULT_BRANCH
}
