package dev.pizza.jgit.internal.walk;

import dev.pizza.CommitId;
import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ObjectSources;
import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import org.eclipse.jgit.lib.Constants;
import org.jspecify.annotations.Nullable;

/**
 * Streams every commit reachable from some tips, straight from the object files: the full walk of a
 * first bake. (A walk that excludes old tips is a {@link IncrementalCommitStream}.)
 *
 * <p>Algorithm: a depth-first walk from the tips yields each commit not yet seen and pushes its
 * unseen parents, first parent on top, so linear history streams in order. It follows parent links
 * only, whatever the commit dates say.
 *
 * <p>Memory: objects are named by {@link ObjectSource} positions, so "seen" is one bit per object
 * of the repository and the pending stack four bytes per entry; no per-commit object survives.
 */
final class FullRawCommitWalk implements RawCommitWalk {
  private final ObjectSource objects;
  private final boolean shallow;
  private BitSet seen = new BitSet();
  private final int[] words = new int[ObjectFormat.MAX_WORDS];
  private final int[] current = new int[ObjectFormat.MAX_WORDS];
  private final int hex;
  private @Nullable GenerationRecorder recorder;
  private final GenerationIndex index;
  private int[] stack = new int[256];
  private int depth;

  /**
   * Opens the walk. When {@code index} is writable and still empty, the graph is recorded and its
   * generations added to the index by {@link #finish()} once the walk is exhausted, for the
   * incremental walks after it.
   */
  FullRawCommitWalk(
      ObjectSource objects, GenerationIndex index, Iterable<CommitId> include, boolean shallow)
      throws IOException {
    this.objects = objects;
    this.index = index;
    this.shallow = shallow;
    this.hex = objects.format().hexLength();
    // Not in a shallow repository: its generations count only the history present.
    this.recorder =
        index.isWritable() && index.isEmpty() && !shallow
            ? new GenerationRecorder(objects.format().words())
            : null;
    for (CommitId id : include) {
      pushIfUnseen(ObjectSources.require(objects, id, words));
    }
  }

  @Override
  public @Nullable RawCommit next() throws IOException {
    int pos = nextPosition();
    return pos < 0
        ? null
        : new RawCommit(new CommitId(Ids.hex(current, 0, objects.format().words())), lastRaw);
  }

  /**
   * Advances like {@link #next()}: returns the commit's position, or -1 when the walk is done; its
   * id is then in {@link #current}.
   */
  private int nextPosition() throws IOException {
    if (depth == 0) {
      return -1;
    }
    int pos = stack[--depth];
    byte[] raw = objects.read(pos, Constants.OBJ_COMMIT);
    objects.words(pos, current, 0);
    GenerationRecorder r = recorder;
    if (r != null) {
      r.commit(pos, current, CorrectedDates.committerSeconds(raw, hex));
    }
    pushUnseenParents(raw);
    lastRaw = raw;
    return pos;
  }

  private boolean recorded;
  private byte[] lastRaw = new byte[0];

  /**
   * Once the walk is exhausted, computes the generations of the commits it walked and adds them to
   * the index (the index logs and skips what it cannot write), then lets go of what it recorded, as
   * a finished walk may be held on to a while (see {@link FinishingWalks}); does nothing before.
   */
  @Override
  public void finish() {
    GenerationRecorder r = recorder;
    if (depth != 0) {
      return;
    }
    if (r != null && !recorded) {
      recorded = true;
      r.finish(index);
    }
    recorder = null;
    seen = new BitSet();
  }

  private void pushUnseenParents(byte[] raw) throws IOException {
    int top = depth;
    GenerationRecorder r = recorder;
    CommitHeader header = CommitHeader.checked(raw, hex);
    while (header.nextParent()) {
      int pos = header.parentPosition(objects, words, shallow);
      if (pos < 0) {
        continue;
      }
      if (r != null) {
        r.parent(pos);
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
