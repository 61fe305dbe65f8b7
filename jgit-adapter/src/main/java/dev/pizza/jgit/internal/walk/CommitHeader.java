package dev.pizza.jgit.internal.walk;

import dev.pizza.CommitId;
import dev.pizza.jgit.internal.pack.HexDigits;
import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ObjectSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * A cursor over the header lines of a raw commit object: {@code tree}, then the {@code parent}
 * lines, then the other headers ({@code author}, {@code committer}, {@code encoding}, ...) up to
 * the blank line before the message. The one place that knows where those lines are; every loop
 * over a commit's parents goes through it. Cheap to make, one per commit; not thread safe.
 *
 * <pre>{@code
 * CommitHeader h = new CommitHeader(raw, format.hexLength());
 * while (h.nextParent()) { ... h.parentId() ... }
 * for (int at = h.nextLine(); at >= 0; at = h.nextLine()) { ... raw[at..] is a header line ... }
 * int message = h.messageStart();
 * }</pre>
 */
final class CommitHeader {
  private static final byte[] PARENT = {'p', 'a', 'r', 'e', 'n', 't', ' '};
  private static final byte[] TREE = {'t', 'r', 'e', 'e', ' '};

  /** The committer line's name, as bytes: {@code charAt} in a loop is slow in C1-compiled code. */
  static final byte[] COMMITTER = {'c', 'o', 'm', 'm', 'i', 't', 't', 'e', 'r', ' '};

  private final byte[] raw;
  private final int hexLength;

  /** A parent line: {@code "parent "}, the id's hex digits and a newline. */
  private final int parentLine;

  private int line;
  private int parentHex = -1;
  private int message = -1;

  /**
   * A cursor over {@code raw}, whose ids have {@code hexLength} hex digits (40 for SHA-1, 64 for
   * SHA-256; see {@link dev.pizza.jgit.internal.pack.ObjectFormat#hexLength()}).
   */
  CommitHeader(byte[] raw, int hexLength) {
    this.raw = raw;
    this.hexLength = hexLength;
    this.parentLine = PARENT.length + hexLength + 1;
    this.line = 6 + hexLength; // the first parent line: after "tree ", the id and a newline
  }

  /**
   * A cursor over {@code raw} (see {@link #CommitHeader}), after checking its tree line as git
   * does: a commit without one is "bogus" to git, which refuses to show it, and the walks that read
   * every commit before it is parsed refuse it too.
   */
  static CommitHeader checked(byte[] raw, int hexLength) throws IOException {
    int end = 5 + hexLength;
    if (end >= raw.length
        || !startsWith(raw, 0, TREE)
        || raw[end] != '\n'
        || !HexDigits.isHex(raw, 5, hexLength)) {
      throw new IOException("bogus commit object: no tree line");
    }
    return new CommitHeader(raw, hexLength);
  }

  /**
   * Moves to the next parent line; returns false once the parent lines are done, the cursor then
   * standing on the first header line after them.
   */
  boolean nextParent() {
    if (line + parentLine > raw.length) {
      return false;
    }
    for (int i = 0; i < PARENT.length; i++) {
      if (raw[line + i] != PARENT[i]) {
        return false;
      }
    }
    parentHex = line + PARENT.length;
    line += parentLine;
    return true;
  }

  /** Returns the current parent's id. */
  CommitId parentId() {
    return new CommitId(new String(raw, parentHex, hexLength, StandardCharsets.ISO_8859_1));
  }

  /**
   * Returns the position in {@code objects} of the current parent, using {@code w} as scratch; -1
   * when a shallow repository lacks it. A parent missing elsewhere is corruption, and throws.
   */
  int parentPosition(ObjectSource objects, int[] w, boolean shallow) throws IOException {
    // git's check ("bad parents in commit"): an id of hex digits, then the line's end
    if (raw[parentHex + hexLength] != '\n'
        || !HexDigits.words(raw, parentHex, hexLength / 8, w, 0)) {
      throw new IOException(
          "bad parents in commit: "
              + new String(raw, parentHex, hexLength, StandardCharsets.ISO_8859_1));
    }
    int pos = objects.locate(w, 0);
    if (pos < 0 && !shallow) {
      throw ObjectSources.missing(Ids.hex(w, 0, hexLength / 8));
    }
    return pos;
  }

  /**
   * Returns where the next header line after the parents starts and moves past it; -1 at the blank
   * line that ends the header (then {@link #messageStart()} is known) or at the end of the object.
   * Call it after {@link #nextParent()} returned false.
   */
  int nextLine() {
    if (line >= raw.length) {
      return -1;
    }
    if (raw[line] == '\n') {
      message = line + 1;
      line = raw.length;
      return -1;
    }
    int at = line;
    line = RawParseUtils.nextLF(raw, line);
    return at;
  }

  /** Returns where the message starts, or -1 if the object has no blank line after its header. */
  int messageStart() {
    return message;
  }

  /**
   * Whether the line at {@code p} of {@code raw} starts with {@code prefix} (header names hold no
   * line feed, so a match never runs past the line).
   */
  static boolean startsWith(byte[] raw, int p, byte[] prefix) {
    if (p + prefix.length > raw.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (raw[p + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
