package dev.pizza.jgit.internal.diff;

import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import java.io.IOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An object id of a tree entry or a commit's tree, in the repository's format (SHA-1 or SHA-256),
 * held as the big-endian words that {@link dev.pizza.jgit.internal.pack.ObjectSource#locate} takes.
 * Equal ids are equal objects. Not to be modified.
 */
final class Oid {
  private final int[] words;

  private Oid(int[] words) {
    this.words = words;
  }

  /** The id held raw (binary, {@link ObjectFormat#rawLength()} bytes) at {@code raw[at..]}. */
  static Oid ofRaw(byte[] raw, int at, ObjectFormat format) {
    int[] w = new int[format.words()];
    for (int i = 0; i < w.length; i++) {
      int o = at + 4 * i;
      w[i] =
          (raw[o] & 0xff) << 24
              | (raw[o + 1] & 0xff) << 16
              | (raw[o + 2] & 0xff) << 8
              | (raw[o + 3] & 0xff);
    }
    return new Oid(w);
  }

  /** The id written in hex at {@code text[at..]} (a commit's {@code tree} line). */
  static Oid ofHex(byte[] text, int at, ObjectFormat format) throws IOException {
    int[] w = new int[format.words()];
    Ids.parseWords(text, at, format, w, 0);
    return new Oid(w);
  }

  /** The words, for {@code locate}; not to be modified. */
  int[] words() {
    return words;
  }

  /** Lowercase hex. */
  String hex() {
    return Ids.hex(words, 0, words.length);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Oid other && Arrays.equals(words, other.words);
  }

  @Override
  public int hashCode() {
    return words[0];
  }

  @Override
  public String toString() {
    return hex();
  }
}
