package dev.pizza.jgit.internal.diff;

/**
 * An object's content as the diff reads it: the first {@code length} bytes of {@code bytes}, an
 * array that may be longer, taken from an {@link ArrayPool} and given back once the content is no
 * longer used (trees by {@link TreeDiff} through {@link RecentObjects}, blobs by {@link
 * CommitDiffer} once their pair is counted). Of a blob larger than the line-stats cut-off only the
 * first bytes are read: then {@code length} is less than its {@code size}.
 */
record Content(byte[] bytes, int length, long size) {
  /** No content: the empty tree, an absent side. */
  static final Content EMPTY = new Content(new byte[0], 0);

  /** All of an object's content. */
  Content(byte[] bytes, int length) {
    this(bytes, length, length);
  }
}
