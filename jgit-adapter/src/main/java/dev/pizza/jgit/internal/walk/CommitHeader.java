package dev.pizza.jgit.internal.walk;

import dev.pizza.CommitId;
import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * A cursor over the header lines of a raw commit object: {@code tree}, then the {@code parent}
 * lines, then the other headers ({@code author}, {@code committer}, {@code encoding}, ...) up to
 * the blank line before the message. The one place that knows where those lines are; every loop
 * over a commit's parents goes through it. Cheap to make, one per commit; not thread safe.
 *
 * <pre>{@code
 * CommitHeader h = new CommitHeader(raw);
 * while (h.nextParent()) { ... h.parentId() ... }
 * for (int at = h.nextLine(); at >= 0; at = h.nextLine()) { ... raw[at..] is a header line ... }
 * int message = h.messageStart();
 * }</pre>
 */
final class CommitHeader {
  private static final byte[] PARENT = {'p', 'a', 'r', 'e', 'n', 't', ' '};

  /** Where the first parent line starts: after {@code "tree "}, 40 hex digits and a newline. */
  private static final int FIRST_PARENT = 46;

  /** A parent line: {@code "parent "}, 40 hex digits and a newline. */
  private static final int PARENT_LINE = PARENT.length + 41;

  /**
   * How many bytes of a commit hold its tree line, two parent lines and enough of a third to tell
   * whether it is one: what a reader that needs only the parents inflates (see {@link #cut()}).
   */
  static final int TWO_PARENTS = FIRST_PARENT + 2 * PARENT_LINE + PARENT.length + 1;

  private final byte[] raw;
  private int line = FIRST_PARENT;
  private int parentHex = -1;
  private int message = -1;

  CommitHeader(byte[] raw) {
    this.raw = raw;
  }

  /**
   * Moves to the next parent line; returns false once the parent lines are done, the cursor then
   * standing on the first header line after them.
   */
  boolean nextParent() {
    if (line + PARENT_LINE > raw.length) {
      return false;
    }
    for (int i = 0; i < PARENT.length; i++) {
      if (raw[line + i] != PARENT[i]) {
        return false;
      }
    }
    parentHex = line + PARENT.length;
    line += PARENT_LINE;
    return true;
  }

  /**
   * Returns whether, {@code raw} being only the first bytes of a commit, a parent line may run past
   * its end: the bytes at the cursor are cut short and still read as the start of {@code "parent
   * "}. Call it after {@link #nextParent()} returned false.
   */
  boolean cut() {
    for (int i = 0; i < PARENT.length; i++) {
      if (line + i >= raw.length) {
        return true;
      }
      if (raw[line + i] != PARENT[i]) {
        return false;
      }
    }
    return true;
  }

  /** Returns the current parent's id. */
  CommitId parentId() {
    return new CommitId(new String(raw, parentHex, 40, StandardCharsets.ISO_8859_1));
  }

  /** Writes the current parent's id as five words at {@code out[off..]}. */
  void parentWords(int[] out, int off) {
    for (int i = 0; i < 5; i++) {
      out[off + i] = RawParseUtils.parseHexInt32(raw, parentHex + i * 8);
    }
  }

  /**
   * Returns the position in {@code objects} of the current parent, using {@code w} as scratch; -1
   * when a shallow repository lacks it. A parent missing elsewhere is corruption, and throws.
   */
  int parentPosition(ObjectSource objects, int[] w, boolean shallow) throws IOException {
    parentWords(w, 0);
    int pos = objects.locate(w, 0);
    if (pos < 0 && !shallow) {
      throw new MissingObjectException(Ids.fromWords(w, 0), Constants.OBJ_COMMIT);
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
}
