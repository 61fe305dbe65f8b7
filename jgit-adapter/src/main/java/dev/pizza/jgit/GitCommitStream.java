package dev.pizza.jgit;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * Streams every commit reachable from some tips, straight from the object files: the full walk of a
 * first bake. (A walk that excludes old tips is a {@link GenerationWalk}.)
 *
 * <p>Algorithm: a depth-first walk from the tips yields each commit not yet seen and pushes its
 * unseen parents, first parent on top, so linear history streams in order. It follows parent links
 * only, whatever the commit dates say.
 *
 * <p>Memory: objects are named by {@link ObjectSource} positions, so "seen" is one bit per object
 * of the repository and the pending stack four bytes per entry; no per-commit object survives.
 */
final class GitCommitStream implements RawCommitWalk {
  private final ObjectSource objects;
  private final boolean shallow;
  private final BitSet seen = new BitSet();
  private final int[] words = new int[5];
  private final @Nullable GenerationRecorder recorder;
  private final GenerationIndex index;
  private int[] stack = new int[256];
  private int depth;

  /**
   * Opens the walk. When {@code index} is writable and still empty, the graph is recorded and its
   * generations added to the index once the walk is exhausted, for the incremental walks after it.
   */
  GitCommitStream(
      ObjectSource objects, GenerationIndex index, Iterable<ObjectId> include, boolean shallow)
      throws IOException {
    this.objects = objects;
    this.index = index;
    this.shallow = shallow;
    // Not in a shallow repository: its generations count only the history present.
    this.recorder =
        index.isWritable() && index.isEmpty() && !shallow ? new GenerationRecorder() : null;
    for (ObjectId id : include) {
      pushIfUnseen(ObjectSources.require(objects, id, words));
    }
  }

  /**
   * Opens a walk that records the graph into {@code recorder} and leaves the generations to its
   * caller: the first pass of a {@link ParentsFirstWalk}.
   */
  GitCommitStream(
      ObjectSource objects,
      Iterable<ObjectId> include,
      boolean shallow,
      GenerationRecorder recorder)
      throws IOException {
    this.objects = objects;
    this.index = GenerationIndex.none();
    this.shallow = shallow;
    this.recorder = recorder;
    this.recorded = true;
    this.headsOnly = true;
    for (ObjectId id : include) {
      pushIfUnseen(ObjectSources.require(objects, id, words));
    }
  }

  @Override
  public @Nullable RawCommit next() throws IOException {
    int pos = nextPosition();
    return pos < 0 ? null : new RawCommit(objects.id(pos), lastRaw);
  }

  /** Advances like {@link #next()}: returns the commit's position, or -1 when the walk is done. */
  int nextPosition() throws IOException {
    if (depth == 0) {
      GenerationRecorder r = recorder;
      if (r != null && !recorded) {
        recorded = true;
        r.finish(objects, index);
      }
      return -1;
    }
    int pos = stack[--depth];
    byte[] raw = headsOnly ? head(pos) : objects.read(pos, Constants.OBJ_COMMIT);
    if (recorder != null) {
      recorder.commit(pos);
    }
    pushUnseenParents(raw);
    lastRaw = raw;
    return pos;
  }

  private boolean recorded;
  private boolean headsOnly;
  private byte[] lastRaw = new byte[0];

  /** Enough for the tree line, two parent lines and the start of a third. */
  private static final int HEAD = CommitParser.FIRST_PARENT + 2 * 48 + 8;

  private static final byte[] PARENT =
      "parent ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * Returns the commit's first lines, or all of it when its parent lines may run past them (an
   * octopus merge): what a walk that records only the graph needs.
   */
  private byte[] head(int pos) throws IOException {
    byte[] raw = objects.readHead(pos, Constants.OBJ_COMMIT, HEAD);
    if (raw.length < HEAD) {
      return raw;
    }
    int p = CommitParser.FIRST_PARENT;
    while (CommitParser.isParentLine(raw, p)) {
      p += 48;
    }
    for (int i = 0; i < PARENT.length; i++) {
      if (p + i >= raw.length) {
        return objects.read(pos, Constants.OBJ_COMMIT);
      }
      if (raw[p + i] != PARENT[i]) {
        return raw;
      }
    }
    return objects.read(pos, Constants.OBJ_COMMIT);
  }

  private void pushUnseenParents(byte[] raw) throws IOException {
    int top = depth;
    for (int p = CommitParser.FIRST_PARENT; CommitParser.isParentLine(raw, p); p += 48) {
      int pos = ObjectSources.parent(objects, raw, p, words, shallow);
      if (pos < 0) {
        continue;
      }
      if (recorder != null) {
        recorder.parent(pos);
      }
      pushIfUnseen(pos);
    }
    // Reverse the parents just pushed, so the first parent is visited next.
    for (int i = top, j = depth - 1; i < j; i++, j--) {
      int t = stack[i];
      stack[i] = stack[j];
      stack[j] = t;
    }
  }

  private void pushIfUnseen(int pos) {
    if (!seen.get(pos)) {
      seen.set(pos);
      if (depth == stack.length) {
        stack = Arrays.copyOf(stack, depth * 2);
      }
      stack[depth++] = pos;
    }
  }

  @Override
  public void close() {
    objects.close();
  }
}
