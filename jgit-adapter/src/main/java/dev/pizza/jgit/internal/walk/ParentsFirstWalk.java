package dev.pizza.jgit.internal.walk;

import dev.pizza.CommitId;
import dev.pizza.jgit.internal.pack.ObjectSource;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.jspecify.annotations.Nullable;

/**
 * Streams a range parents first: each commit after every parent of it in the range, so every prefix
 * of the stream (with what the range excludes) is closed under "parent of" and is described by its
 * maximal commits, which is what an intermediate checkpoint saves.
 *
 * <p>Two passes. The first finds the range and its order as positions in one {@code int[]}: for a
 * full range, a {@link PostOrder} reads each commit once and lists it after its parents (about 8
 * bytes per commit: the order and the walk's stack; when the {@link GenerationIndex} is writable
 * and empty, as the full walk does, the graph is also recorded for its generations, about 16 bytes
 * per commit more); for a range that excludes commits, a {@link IncrementalCommitStream} yields the
 * range by non-increasing generation and the order is that list reversed. The second pass reads
 * each commit again in that order. The first pass runs on the first call to {@link #next()}, which
 * {@link PipelinedCommitStream} makes on its walker thread. No per-commit object survives either
 * pass.
 */
final class ParentsFirstWalk implements RawCommitWalk {
  private final ObjectSource objects;
  private final Order order;
  private int @Nullable [] positions;
  private int count;
  private int next;

  @FunctionalInterface
  private interface Order {
    /** Fills the walk's positions and count. */
    void compute(ParentsFirstWalk walk) throws IOException;
  }

  private ParentsFirstWalk(ObjectSource objects, Order order) {
    this.objects = objects;
    this.order = order;
  }

  /** The commits reachable from {@code include}, roots first. */
  static ParentsFirstWalk full(
      ObjectSource objects, GenerationIndex index, List<CommitId> include, boolean shallow) {
    return new ParentsFirstWalk(
        objects,
        walk -> {
          // Not in a shallow repository: its generations count only the history present.
          GenerationRecorder graph =
              index.isWritable() && index.isEmpty() && !shallow ? new GenerationRecorder() : null;
          PostOrder order = new PostOrder(objects, include, shallow, graph);
          walk.positions = order.positions();
          walk.count = order.size();
          if (graph != null) {
            graph.save(objects, graph.generations(), index);
          }
        });
  }

  /** The commits reachable from {@code include} and not from {@code exclude}, oldest first. */
  static ParentsFirstWalk excluding(
      ObjectSource objects,
      GenerationIndex index,
      List<CommitId> include,
      List<CommitId> exclude,
      boolean shallow) {
    return new ParentsFirstWalk(
        objects,
        walk -> {
          IncrementalCommitStream range =
              new IncrementalCommitStream(objects, index, include, exclude, shallow);
          int[] out = new int[64];
          int n = 0;
          for (int pos = range.nextPosition(); pos >= 0; pos = range.nextPosition()) {
            if (n == out.length) {
              out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = pos;
          }
          for (int i = 0, j = n - 1; i < j; i++, j--) {
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
          }
          walk.positions = out;
          walk.count = n;
        });
  }

  @Override
  public @Nullable RawCommit next() throws IOException {
    int[] order = positions;
    if (order == null) {
      this.order.compute(this);
      order = positions;
      if (order == null) {
        throw new IllegalStateException("the order computed no positions");
      }
    }
    if (next == count) {
      return null;
    }
    int pos = order[next++];
    return new RawCommit(new CommitId(objects.name(pos)), objects.read(pos, Constants.OBJ_COMMIT));
  }

  @Override
  public void close() {
    objects.close();
  }
}
