package dev.pizza.jgit.internal.walk;

import dev.pizza.jgit.internal.pack.ObjectFormat;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Records the commit graph a full walk visits (positions, committer dates and parent positions, in
 * flat int arrays, about 16 bytes per commit, and the ids the walk read anyway, 20 or 32 bytes)
 * and, when the walk is done, computes every commit's generation (its {@link CorrectedDates
 * corrected date}) and adds them to a {@link GenerationIndex}, so the next incremental walk does
 * not have to.
 */
final class GenerationRecorder {
  private final GenerationEntries entries;

  /** The positions of the recorded commits. */
  private final BitSet recorded = new BitSet();

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
    if (nodes == nodeDate.length) {
      nodePos = Arrays.copyOf(nodePos, nodes * 2);
      nodeDate = Arrays.copyOf(nodeDate, nodes * 2);
      parentStart = Arrays.copyOf(parentStart, nodes * 2 + 1);
    }
    recorded.set(pos);
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
    entries.setGenerations(generations());
    index.add(entries);
  }

  /**
   * Returns the generation of each recorded commit, by the order they were recorded in; parents
   * outside the recorded graph count as absent. Parent positions are mapped to commits through
   * their ranks among the recorded positions ({@link PositionRanks}, about 8 bytes per commit and a
   * bit per position up to the highest), not an array over every position of the repository, which
   * would cost 4 bytes per object, trees and blobs included; it replaced a sort of the positions
   * and a binary search per parent, about half of this method's time.
   *
   * <p>The commits are visited from the last recorded: a walk records children before their
   * parents, so each visit usually finds its parents done and returns at once. That keeps the work
   * in {@link #settle}, which the JIT compiles after a few hundred calls, where one long loop in
   * this method ran in the interpreter until compiled on the stack (a quarter of the recorder's
   * time in a bake of rails).
   */
  int[] generations() {
    parentStart[nodes] = edges;
    PositionRanks ranks = new PositionRanks(recorded);
    int[] nodeAt = new int[nodes];
    for (int i = 0; i < nodes; i++) {
      nodeAt[ranks.rank(nodePos[i])] = i;
    }
    int[] gen = new int[nodes];
    int[] stack = new int[64];
    for (int start = nodes - 1; start >= 0; start--) {
      if (gen[start] == 0) {
        stack = settle(start, gen, stack, ranks, nodeAt);
      }
    }
    return gen;
  }

  /**
   * Computes the generation of commit {@code start} into {@code gen}, with those of its ancestors
   * not computed yet, depth first with {@code stack} (0 in {@code gen}: not yet, as no generation
   * is 0), a parent found by its position's rank and the commit at that rank ({@code nodeAt});
   * returns the stack, grown if it had to.
   */
  private int[] settle(int start, int[] gen, int[] stack, PositionRanks ranks, int[] nodeAt) {
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
        int r = ranks.rank(parents[e]);
        if (r < 0) {
          continue;
        }
        int p = nodeAt[r];
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
    return stack;
  }
}
