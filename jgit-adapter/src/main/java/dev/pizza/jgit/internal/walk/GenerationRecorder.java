package dev.pizza.jgit.internal.walk;

import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSource;
import java.io.IOException;
import java.util.Arrays;

/**
 * Records the commit graph a full walk visits (positions, committer dates and parent positions, in
 * flat int arrays, about 16 bytes per commit) and, when the walk is done, computes every commit's
 * generation (its {@link CorrectedDates corrected date}) and adds them to a {@link
 * GenerationIndex}, so the next incremental walk does not have to.
 */
final class GenerationRecorder {
  private int[] nodePos = new int[1024];
  private int[] nodeDate = new int[1024];
  private int[] parentStart = new int[1025];
  private int[] parents = new int[1024];
  private int nodes;
  private int edges;

  /** Records the commit at {@code pos}, dated {@code seconds}; its parents follow. */
  void commit(int pos, long seconds) {
    if (nodes == nodePos.length) {
      nodePos = Arrays.copyOf(nodePos, nodes * 2);
      nodeDate = Arrays.copyOf(nodeDate, nodes * 2);
      parentStart = Arrays.copyOf(parentStart, nodes * 2 + 1);
    }
    nodePos[nodes] = pos;
    nodeDate[nodes] = CorrectedDates.of(seconds, 0);
    parentStart[nodes] = edges;
    nodes++;
  }

  void parent(int pos) {
    if (edges == parents.length) {
      parents = Arrays.copyOf(parents, edges * 2);
    }
    parents[edges++] = pos;
  }

  /** Computes the generations of the recorded commits and adds them to {@code index}. */
  void finish(ObjectSource objects, GenerationIndex index) throws IOException {
    parentStart[nodes] = edges;
    int[] nodeOf = new int[objects.positionBound()];
    Arrays.fill(nodeOf, -1);
    for (int i = 0; i < nodes; i++) {
      nodeOf[nodePos[i]] = i;
    }
    int[] gen = new int[nodes];
    int[] stack = new int[64];
    for (int start = 0; start < nodes; start++) {
      if (gen[start] != 0) {
        continue;
      }
      int depth = 0;
      stack[depth++] = start;
      while (depth > 0) {
        int n = stack[depth - 1];
        if (gen[n] != 0) {
          depth--;
          continue;
        }
        int max = 0;
        boolean ready = true;
        for (int e = parentStart[n]; e < parentStart[n + 1]; e++) {
          int p = parents[e] < nodeOf.length ? nodeOf[parents[e]] : -1;
          if (p < 0) {
            continue;
          }
          if (gen[p] == 0) {
            ready = false;
            if (depth == stack.length) {
              stack = Arrays.copyOf(stack, depth * 2);
            }
            stack[depth++] = p;
          } else {
            max = Integer.compareUnsigned(max, gen[p]) < 0 ? gen[p] : max;
          }
        }
        if (ready) {
          gen[n] = CorrectedDates.of(Integer.toUnsignedLong(nodeDate[n]), max);
          depth--;
        }
      }
    }
    nodeOf = null;
    GenerationEntries entries = new GenerationEntries(objects.format().words());
    int[] w = new int[ObjectFormat.MAX_WORDS];
    for (int i = 0; i < nodes; i++) {
      objects.words(nodePos[i], w, 0);
      entries.add(w, 0, gen[i]);
    }
    index.add(entries);
  }
}
