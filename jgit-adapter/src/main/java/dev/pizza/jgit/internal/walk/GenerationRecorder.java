package dev.pizza.jgit.internal.walk;

import dev.pizza.jgit.internal.pack.ObjectFormat;
import java.util.Arrays;

/**
 * Records the commit graph a full walk visits (positions, committer dates and parent positions, in
 * flat int arrays, about 16 bytes per commit, and the ids the walk read anyway, 20 or 32 bytes)
 * and, when the walk is done, computes every commit's generation (its {@link CorrectedDates
 * corrected date}) and adds them to a {@link GenerationIndex}, so the next incremental walk does
 * not have to.
 */
final class GenerationRecorder {
  private final GenerationEntries entries;
  private int[] nodePos = new int[1024];
  private int[] nodeDate = new int[1024];
  private int[] parentStart = new int[1025];
  private int[] parents = new int[1024];
  private int nodes;
  private int edges;

  /**
   * A recorder of commits whose ids have {@code words} words (see {@link ObjectFormat#words()}).
   */
  GenerationRecorder(int words) {
    this.entries = new GenerationEntries(words);
  }

  /**
   * Records the commit at {@code pos}, whose id is the words at {@code id[0..]}, dated {@code
   * seconds}; its parents follow.
   */
  void commit(int pos, int[] id, long seconds) {
    entries.add(id, 0, 0);
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
  void finish(GenerationIndex index) {
    int[] gen = generations();
    for (int i = 0; i < nodes; i++) {
      entries.setGeneration(i, gen[i]);
    }
    index.add(entries);
  }

  /**
   * Returns the generation of each recorded commit, by the order they were recorded in; parents
   * outside the recorded graph count as absent. Parent positions are mapped to commits through the
   * recorded positions sorted (8 bytes per commit), not an array over every position of the
   * repository, which would cost 4 bytes per object, trees and blobs included.
   */
  private int[] generations() {
    parentStart[nodes] = edges;
    long[] byPosition = new long[nodes];
    for (int i = 0; i < nodes; i++) {
      byPosition[i] = ((long) nodePos[i] << 32) | i;
    }
    Arrays.sort(byPosition);
    int[] parentNode = new int[edges];
    for (int e = 0; e < edges; e++) {
      parentNode[e] = nodeAt(byPosition, parents[e]);
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
          int p = parentNode[e];
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
    return gen;
  }

  /** Returns the commit recorded at {@code pos}, or -1, by binary search over sorted entries. */
  private static int nodeAt(long[] byPosition, int pos) {
    int lo = 0;
    int hi = byPosition.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int at = (int) (byPosition[mid] >>> 32);
      if (at < pos) {
        lo = mid + 1;
      } else if (at > pos) {
        hi = mid - 1;
      } else {
        return (int) byPosition[mid];
      }
    }
    return -1;
  }
}
