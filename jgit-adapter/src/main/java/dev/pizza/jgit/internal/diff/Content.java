package dev.pizza.jgit.internal.diff;

/**
 * An object's content as the diff reads it: the first {@code length} bytes of {@code bytes}, an
 * array that may be longer, taken from an {@link ArrayPool} and given back once the content is no
 * longer used (trees by {@link TreeDiff} through {@link RecentObjects}, blobs by {@link
 * CommitDiffer} once their pair is counted).
 */
record Content(byte[] bytes, int length) {
  /** No content: the empty tree, an absent side. */
  static final Content EMPTY = new Content(new byte[0], 0);
}
