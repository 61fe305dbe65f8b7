package dev.pizza.jgit.internal.diff;

import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.util.RawParseUtils;
import org.jspecify.annotations.Nullable;

/**
 * The recursive difference of two trees, as {@code git diff-tree -r} lists it: every path whose
 * blob, link or submodule entry was added, deleted or changed (content or mode), in git's order (by
 * full path, bytes unsigned). Subtrees with equal ids are skipped unread, and so are runs of equal
 * entries: where both trees hold the same bytes, whole entries are stepped over without being
 * compared one by one. A path that is a file on one side and a directory on the other is a deletion
 * and additions, as in git. Trees are read through an {@link ObjectSource}; those read lately are
 * kept by id, up to {@link #RECENT_BYTES} ({@link RecentObjects}): the tree of a commit's parent is
 * usually the tree of the next commit diffed, and where history branches and merges, the walk comes
 * back to trees it read a while before. Trees are read into arrays of an {@link ArrayPool}, and the
 * arrays that cache lets go of go back to the pool once the diff that read them is done (no tree of
 * a diff is still in use then; its changes hold copies). Not thread safe.
 */
final class TreeDiff {
  static final int TREE = 0040000;
  static final int GITLINK = 0160000;
  static final int SYMLINK = 0120000;

  /**
   * One changed path before rename detection: {@code oldId} null for an addition, {@code newId}
   * null for a deletion.
   */
  record Change(String path, int oldMode, @Nullable Oid oldId, int newMode, @Nullable Oid newId) {}

  static final long RECENT_BYTES = 256L << 10;

  private final ObjectSource objects;
  private final ObjectFormat format;
  private final ArrayPool arrays = new ArrayPool(RECENT_BYTES, (int) (RECENT_BYTES / 4));
  private final List<byte[]> dropped = new ArrayList<>();
  private final RecentObjects recent;

  /** The words of the id of the subtree looked up last ({@link #tree(Entry)}). */
  private final int[] w = new int[ObjectFormat.MAX_WORDS];

  TreeDiff(ObjectSource objects) {
    this.objects = objects;
    this.format = objects.format();
    this.recent = new RecentObjects(RECENT_BYTES, format.words(), dropped::add);
  }

  /** Returns the changes from tree {@code oldTree} (null: the empty tree) to {@code newTree}. */
  List<Change> diff(@Nullable Oid oldTree, Oid newTree) throws IOException {
    List<Change> out = new ArrayList<>();
    try {
      diff(new byte[0], oldTree == null ? Content.EMPTY : tree(oldTree), tree(newTree), out);
    } finally {
      for (byte[] a : dropped) {
        arrays.give(a);
      }
      dropped.clear();
    }
    return out;
  }

  private Content tree(Oid id) throws IOException {
    return tree(id.words());
  }

  /** The subtree of entry {@code e}: its id is read into words, with no {@link Oid} for it. */
  private Content tree(Entry e) throws IOException {
    e.words(w);
    return tree(w);
  }

  /** The tree whose id is the words {@code id[0..)}; {@code id} is not kept. */
  private Content tree(int[] id) throws IOException {
    Content raw = recent.get(id);
    if (raw != null) {
      return raw;
    }
    int pos = objects.locate(id, 0);
    if (pos < 0) {
      throw new IOException(
          "missing tree " + Ids.hex(id, 0, format.words()) + " (a treeless mirror?)");
    }
    int length = objects.read(pos, Constants.OBJ_TREE, arrays);
    raw = new Content(arrays.last(), length);
    recent.put(id, raw);
    return raw;
  }

  /**
   * git's default {@code core.maxTreeDepth}: a tree nested deeper is refused, as git refuses it
   * (the diff itself keeps its trees on a stack of its own, so it would not run out).
   */
  static final int MAX_DEPTH = 2048;

  /** A pair of trees being diffed: their path, depth below the root, and a cursor over each. */
  private record Frame(byte[] prefix, int depth, Entry x, Entry y) {}

  /**
   * Diffs trees {@code a} and {@code b} whose path is {@code root}, subtrees depth first in the
   * order of their entries, each where its entry is: on a stack of {@link Frame}s, not by
   * recursion, so a deep tree does not exhaust the thread's stack.
   */
  private void diff(byte[] root, Content a, Content b, List<Change> out) throws IOException {
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    push(stack, root, 0, a, b);
    while (!stack.isEmpty()) {
      step(stack, out);
    }
  }

  private void push(ArrayDeque<Frame> stack, byte[] prefix, int depth, Content a, Content b)
      throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IOException(
          "tree nested deeper than git's maximum of " + MAX_DEPTH + " levels: " + decode(prefix));
    }
    Entry x = new Entry(a, format.rawLength());
    Entry y = new Entry(b, format.rawLength());
    x.next();
    y.next();
    stack.push(new Frame(prefix, depth, x, y));
  }

  /**
   * Diffs the trees on top of {@code stack} on, until they end (then pops them) or a pair of
   * subtrees is to be diffed first (then pushes it).
   */
  private void step(ArrayDeque<Frame> stack, List<Change> out) throws IOException {
    Frame f = stack.element();
    Entry x = f.x();
    Entry y = f.y();
    byte[] prefix = f.prefix();
    while (x.present() || y.present()) {
      if (x.present() && y.present()) {
        Entry.skipEqual(x, y);
        if (!x.present() && !y.present()) {
          break;
        }
      }
      int c = !x.present() ? 1 : !y.present() ? -1 : Entry.compare(x, y);
      if (c < 0) {
        boolean pushed = side(stack, f, x, true, out);
        x.next();
        if (pushed) {
          return;
        }
      } else if (c > 0) {
        boolean pushed = side(stack, f, y, false, out);
        y.next();
        if (pushed) {
          return;
        }
      } else {
        if (x.mode != y.mode || !x.sameId(y)) {
          byte[] path = x.path(prefix);
          if (x.mode == TREE) {
            Content a = tree(x);
            Content b = tree(y);
            x.next();
            y.next();
            push(stack, path, f.depth() + 1, a, b);
            return;
          }
          out.add(new Change(decode(path), x.mode, x.id(format), y.mode, y.id(format)));
        }
        x.next();
        y.next();
      }
    }
    stack.pop();
  }

  /**
   * One side only: a whole subtree (pushed: returns true), or one entry, added ({@code old} false)
   * or deleted.
   */
  private boolean side(ArrayDeque<Frame> stack, Frame f, Entry e, boolean old, List<Change> out)
      throws IOException {
    byte[] path = e.path(f.prefix());
    if (e.mode == TREE) {
      Content t = tree(e);
      push(stack, path, f.depth() + 1, old ? t : Content.EMPTY, old ? Content.EMPTY : t);
      return true;
    } else if (old) {
      out.add(new Change(decode(path), e.mode, e.id(format), 0, null));
    } else {
      out.add(new Change(decode(path), 0, null, e.mode, e.id(format)));
    }
    return false;
  }

  /**
   * The path as JGit decodes it: UTF-8, or a fallback for bytes that are not. Most paths are ASCII,
   * which every one of those decodes alike: those are copied as they are (Latin-1).
   */
  private static String decode(byte[] path) {
    for (byte b : path) {
      if (b < 0) {
        return RawParseUtils.decode(StandardCharsets.UTF_8, path, 0, path.length);
      }
    }
    return new String(path, StandardCharsets.ISO_8859_1);
  }

  /**
   * A cursor over a raw tree: {@code <octal mode> SP <name> NUL <raw id>} (20 or 32 bytes),
   * repeated, up to {@code end}.
   */
  private static final class Entry {
    private final byte[] raw;
    private final int end;
    private final int idLength;
    private int next;
    private int start;
    int mode;
    int nameStart;
    int nameEnd;
    int idAt = -1;

    Entry(Content tree, int idLength) {
      this.raw = tree.bytes();
      this.end = tree.length();
      this.idLength = idLength;
    }

    boolean present() {
      return idAt >= 0;
    }

    void next() throws IOException {
      seek(next);
    }

    /** Parses the entry at {@code p}, or marks the end. */
    private void seek(int p) throws IOException {
      start = p;
      if (p >= end) {
        idAt = -1;
        return;
      }
      int m = 0;
      for (; p < end && raw[p] != ' '; p++) {
        int digit = raw[p] - '0';
        if (digit < 0 || digit > 7 || m > 0777777) {
          throw new IOException("malformed mode in tree entry at " + start);
        }
        m = (m << 3) + digit;
      }
      if (p == start || p == end) {
        throw new IOException("malformed mode in tree entry at " + start);
      }
      mode = (m & 0170000) == TREE ? TREE : m;
      nameStart = p + 1;
      p = nul(raw, nameStart, end);
      if (p == nameStart) {
        throw new IOException("empty filename in tree entry at " + start); // as git says
      }
      nameEnd = p;
      idAt = p + 1;
      next = idAt + idLength;
      if (next > end) {
        throw new IOException("tree entry cut short at " + start);
      }
    }

    Oid id(ObjectFormat format) {
      return Oid.ofRaw(raw, idAt, format);
    }

    /** Writes the entry's id as big-endian words into {@code out[0..)}. */
    void words(int[] out) {
      for (int i = 0, o = idAt; o < idAt + idLength; i++, o += 4) {
        out[i] =
            (raw[o] & 0xff) << 24
                | (raw[o + 1] & 0xff) << 16
                | (raw[o + 2] & 0xff) << 8
                | (raw[o + 3] & 0xff);
      }
    }

    boolean sameId(Entry o) {
      return java.util.Arrays.equals(raw, idAt, idAt + idLength, o.raw, o.idAt, o.idAt + idLength);
    }

    byte[] path(byte[] prefix) {
      int len = nameEnd - nameStart;
      byte[] p = new byte[prefix.length + (prefix.length > 0 ? 1 : 0) + len];
      System.arraycopy(prefix, 0, p, 0, prefix.length);
      int at = prefix.length;
      if (at > 0) {
        p[at++] = '/';
      }
      System.arraycopy(raw, nameStart, p, at, len);
      return p;
    }

    /**
     * Steps both cursors, at entries, over the entries the two trees hold byte for byte equal from
     * there on (same mode, name and id: nothing changed), to the first entries that differ or the
     * ends.
     */
    static void skipEqual(Entry x, Entry y) throws IOException {
      int m = java.util.Arrays.mismatch(x.raw, x.start, x.end, y.raw, y.start, y.end);
      if (m < 0) {
        x.seek(x.end);
        y.seek(y.end);
        return;
      }
      if (m < x.next - x.start) {
        return; // the first entries differ
      }
      int limit = x.start + m;
      int p = x.next;
      for (int e = p; e <= limit; e = x.endOf(e)) {
        p = e;
      }
      int skipped = p - x.start;
      x.seek(p);
      y.seek(y.start + skipped);
    }

    /** The end of the entry at {@code p} (or the end of the tree). */
    private int endOf(int p) throws IOException {
      if (p >= end) {
        return Integer.MAX_VALUE;
      }
      return nul(raw, p, end) + 1 + idLength;
    }

    /**
     * The NUL that ends the name of the entry whose name or mode starts at or after {@code p},
     * before {@code end}. Most names are short: the first {@link #SHORT} bytes are looked at one by
     * one, which with C1's code costs about two thirds of a call of {@link Bytes#indexOf} (7
     * against 10 ns an entry of a ten-byte name), and the rest eight at a time.
     */
    private static int nul(byte[] raw, int p, int end) throws IOException {
      int stop = Math.min(end, p + SHORT);
      for (int i = p; i < stop; i++) {
        if (raw[i] == 0) {
          return i;
        }
      }
      int at = stop == end ? -1 : Bytes.indexOf(raw, (byte) 0, stop, end);
      if (at < 0) {
        throw new IOException("tree entry without NUL at " + p);
      }
      return at;
    }

    /** Bytes of a name (with its mode, from an entry's start) scanned one by one for its NUL. */
    private static final int SHORT = 24;

    /** git's {@code base_name_compare}: a tree's name compares as if it ended with '/'. */
    static int compare(Entry x, Entry y) {
      int lx = x.nameEnd - x.nameStart;
      int ly = y.nameEnd - y.nameStart;
      int c =
          java.util.Arrays.compareUnsigned(
              x.raw,
              x.nameStart,
              x.nameEnd - (lx > ly ? lx - ly : 0),
              y.raw,
              y.nameStart,
              y.nameEnd - (ly > lx ? ly - lx : 0));
      if (c != 0) {
        return c;
      }
      int cx = lx > ly ? x.raw[x.nameStart + ly] & 0xff : x.mode == TREE ? '/' : 0;
      int cy = ly > lx ? y.raw[y.nameStart + lx] & 0xff : y.mode == TREE ? '/' : 0;
      return Integer.compare(cx, cy);
    }
  }
}
