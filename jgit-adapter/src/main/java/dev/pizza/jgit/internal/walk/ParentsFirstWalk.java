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
 * full range, a {@link FullRawCommitWalk} records the graph (positions and parent positions, about
 * 16 bytes per commit, plus 8 per commit while generations are computed and sorted) and the commits
 * are sorted by generation (a corrected commit date, greater than its parents'), which is then also
 * kept in the {@link GenerationIndex} when it is writable and empty (as the full walk does); for a
 * range that excludes commits, a {@link IncrementalCommitStream} yields the range by non-increasing
 * generation and the order is that list reversed. The second pass reads each commit again in that
 * order. The first pass runs on the first call to {@link #next()}, which {@link
 * PipelinedCommitStream} makes on its walker thread. No per-commit object survives either pass.
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
          GenerationRecorder graph = new GenerationRecorder();
          FullRawCommitWalk dfs = new FullRawCommitWalk(objects, include, shallow, graph);
          while (dfs.nextPosition() >= 0) {
            // The walk records the graph as it goes.
          }
          int[] gen = graph.generations();
          if (index.isWritable() && index.isEmpty() && !shallow) {
            graph.save(objects, gen, index);
          }
          walk.positions = byGeneration(graph, gen);
          walk.count = graph.size();
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

  /**
   * Returns the recorded positions sorted by generation, ties in recording order. Generations are
   * corrected commit dates, unsigned 32-bit ints, each strictly greater than its parents', so
   * ascending generation is parents first. Sorts one long per commit: the unsigned generation above
   * the commit's index.
   */
  private static int[] byGeneration(GenerationRecorder graph, int[] gen) {
    int n = graph.size();
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (Integer.toUnsignedLong(gen[i]) << 31) | i;
    }
    Arrays.sort(keys);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = graph.position((int) (keys[i] & Integer.MAX_VALUE));
    }
    return out;
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
