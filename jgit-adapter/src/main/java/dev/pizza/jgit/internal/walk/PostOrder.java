package dev.pizza.jgit.internal.walk;

import dev.pizza.CommitId;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ObjectSources;
import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import org.eclipse.jgit.lib.Constants;
import org.jspecify.annotations.Nullable;

/**
 * The commits reachable from some tips in a parents-first order, found by reading each commit once,
 * and only up to its parent lines unless generations are recorded: the first pass of a full {@link
 * ParentsFirstWalk}.
 *
 * <p>Algorithm: a depth-first walk from the tips that lists a commit when it is finished, that is
 * after every parent of it (post-order). A commit met for the first time is expanded: a marker for
 * it goes on the stack, its parents not yet expanded above it, first parent on top (so linear
 * history is read in the order git packed it). When the marker comes back to the top, every parent
 * has been finished, because a parent still being expanded below the marker would be a descendant
 * of its own child. A parent may be pushed more than once; the copies found expanded are dropped.
 * No sorting, no commit dates, no map from positions to commits: the order costs one int per commit
 * plus the stack, one int per pending entry, and a bit per position for "expanded".
 */
final class PostOrder {
  private final ObjectSource objects;
  private final boolean shallow;
  private final @Nullable GenerationRecorder recorder;
  private final BitSet expanded = new BitSet();
  private final int[] words = new int[ObjectFormat.MAX_WORDS];
  private final int hex;
  private final int headLength;
  private int[] stack = new int[256];
  private int depth;
  private int[] order = new int[1024];
  private int size;

  /**
   * Orders the commits reachable from {@code include}; when {@code recorder} is not null, also
   * records their graph and dates into it, for generation numbers.
   */
  PostOrder(
      ObjectSource objects,
      Iterable<CommitId> include,
      boolean shallow,
      @Nullable GenerationRecorder recorder)
      throws IOException {
    this.objects = objects;
    this.shallow = shallow;
    this.recorder = recorder;
    this.hex = objects.format().hexLength();
    // The tree line, two parent lines and the start of the next line.
    this.headLength = (5 + hex + 1) + 2 * (7 + hex + 1) + 16;
    for (CommitId id : include) {
      push(ObjectSources.require(objects, id, words));
    }
    run();
  }

  /** The positions of the commits, parents first; {@link #size()} of them are used. */
  int[] positions() {
    return order;
  }

  /** How many commits were ordered. */
  int size() {
    return size;
  }

  private void run() throws IOException {
    while (depth > 0) {
      int entry = stack[--depth];
      if (entry < 0) {
        emit(-(entry + 1));
        continue;
      }
      if (expanded.get(entry)) {
        continue;
      }
      expanded.set(entry);
      push(-(entry + 1));
      byte[] raw;
      if (recorder != null) {
        raw = objects.read(entry, Constants.OBJ_COMMIT);
        recorder.commit(entry, CorrectedDates.committerSeconds(raw, hex));
      } else {
        raw = parentLines(entry);
      }
      int top = depth;
      CommitHeader header = new CommitHeader(raw, hex);
      while (header.nextParent()) {
        int parent = header.parentPosition(objects, words, shallow);
        if (parent < 0) {
          continue;
        }
        if (recorder != null) {
          recorder.parent(parent);
        }
        if (!expanded.get(parent)) {
          push(parent);
        }
      }
      // Reverse the parents just pushed, so the first parent is expanded next.
      for (int i = top, j = depth - 1; i < j; i++, j--) {
        int t = stack[i];
        stack[i] = stack[j];
        stack[j] = t;
      }
    }
  }

  /**
   * Returns the first lines of the commit at {@code pos}, up to and including its parent lines,
   * inflating no more than that when they fit in {@link #headLength} bytes (all of it otherwise, as
   * for an octopus merge): the parents are all this pass needs, and a commit's message and
   * signatures are most of its bytes.
   */
  private byte[] parentLines(int pos) throws IOException {
    byte[] head = objects.readHead(pos, Constants.OBJ_COMMIT, headLength);
    if (head.length < headLength) {
      return head; // the whole commit
    }
    CommitHeader header = new CommitHeader(head, hex);
    while (header.nextParent()) {
      // Count past the parent lines that fit.
    }
    // Complete when a whole line that is not a parent line follows them.
    int at = header.nextLine();
    if (at >= 0 && at + PARENT.length <= head.length && !startsWith(head, at, PARENT)) {
      return head;
    }
    return objects.read(pos, Constants.OBJ_COMMIT);
  }

  private static final byte[] PARENT = {'p', 'a', 'r', 'e', 'n', 't', ' '};

  private static boolean startsWith(byte[] raw, int at, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (raw[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private void push(int entry) {
    if (depth == stack.length) {
      stack = Arrays.copyOf(stack, depth * 2);
    }
    stack[depth++] = entry;
  }

  private void emit(int pos) {
    if (size == order.length) {
      order = Arrays.copyOf(order, size * 2);
    }
    order[size++] = pos;
  }
}
