package dev.pizza.jgit.internal.diff;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * git's inexact rename pass ({@code diffcore-rename.c}, rename detection without copies), after the
 * exact one ({@link ExactRenames}): first each deleted file whose base name no other deleted file
 * has is paired with the added file of the same base name, if that one is unique among the added
 * files too, when their {@link Similarity} is at least 75% (git's {@code find_basename_matches}
 * with its default factor); then, unless there are more than {@code limit}² candidate pairs (git's
 * {@code diff.renameLimit}), every added file keeps its four best sources (by score, then same base
 * name), all those candidates are sorted best first (stably, as git's {@code STABLE_QSORT}), and
 * taken in that order while at least 50% (git's default {@code -M}), each added and each deleted
 * file at most once. Only regular files are paired.
 */
final class SimilarRenames {
  /** git's default minimum score, 50%. */
  static final int MINIMUM_SCORE = Similarity.MAX_SCORE / 2;

  private static final int CANDIDATES_PER_DESTINATION = 4;

  /** Reads the {@link Similarity} of one side of a change. */
  @FunctionalInterface
  interface Measure {
    Similarity of(TreeDiff.Change change, boolean deleted) throws IOException;
  }

  private SimilarRenames() {}

  /**
   * Returns the pairs, and removes their members from {@code added} and {@code deleted} (both in
   * path order).
   */
  static List<ExactRenames.Pair> take(
      List<TreeDiff.Change> added, List<TreeDiff.Change> deleted, int limit, Measure measure)
      throws IOException {
    Similarity[] src = new Similarity[deleted.size()];
    Similarity[] dst = new Similarity[added.size()];
    boolean[] srcUsed = new boolean[deleted.size()];
    boolean[] dstUsed = new boolean[added.size()];
    List<ExactRenames.Pair> pairs = new ArrayList<>();
    int minimum = MINIMUM_SCORE;
    int basenameMinimum = minimum + (Similarity.MAX_SCORE - minimum) / 2;

    Map<String, Integer> sources = uniqueBaseNames(deleted);
    Map<String, Integer> destinations = uniqueBaseNames(added);
    for (Map.Entry<String, Integer> e : sources.entrySet()) {
      Integer d = destinations.get(e.getKey());
      int s = e.getValue();
      if (s < 0 || d == null || d < 0) {
        continue;
      }
      int score = score(deleted, added, s, d, src, dst, minimum, measure);
      if (score >= basenameMinimum) {
        srcUsed[s] = true;
        dstUsed[d] = true;
        pairs.add(new ExactRenames.Pair(deleted.get(s), added.get(d)));
      }
    }

    int sourcesLeft = count(srcUsed);
    int destinationsLeft = count(dstUsed);
    if (sourcesLeft > 0
        && destinationsLeft > 0
        && (long) sourcesLeft * destinationsLeft <= (long) limit * limit) {
      // One row of four candidates per destination left, as git's matrix.
      Candidate[] mx = new Candidate[destinationsLeft * CANDIDATES_PER_DESTINATION];
      int row = 0;
      for (int d = 0; d < added.size(); d++) {
        if (dstUsed[d]) {
          continue;
        }
        int base = row * CANDIDATES_PER_DESTINATION;
        for (int j = 0; j < CANDIDATES_PER_DESTINATION; j++) {
          mx[base + j] = Candidate.UNUSED;
        }
        for (int s = 0; s < deleted.size(); s++) {
          if (srcUsed[s]) {
            continue;
          }
          int score = score(deleted, added, s, d, src, dst, minimum, measure);
          boolean sameName = baseName(deleted.get(s).path()).equals(baseName(added.get(d).path()));
          recordIfBetter(mx, base, new Candidate(d, s, score, sameName ? 1 : 0));
        }
        row++;
      }
      Arrays.sort(mx, SimilarRenames::compare); // stable, as git's STABLE_QSORT
      for (Candidate c : mx) {
        if (c.dst < 0 || c.score < minimum) {
          break;
        }
        if (dstUsed[c.dst] || srcUsed[c.src]) {
          continue;
        }
        dstUsed[c.dst] = true;
        srcUsed[c.src] = true;
        pairs.add(new ExactRenames.Pair(deleted.get(c.src), added.get(c.dst)));
      }
    }
    removeUsed(added, dstUsed);
    removeUsed(deleted, srcUsed);
    return pairs;
  }

  /** One candidate pair: git's {@code struct diff_score}; {@code dst} -1 for an empty slot. */
  private record Candidate(int dst, int src, int score, int nameScore) {
    static final Candidate UNUSED = new Candidate(-1, -1, 0, 0);
  }

  /** git's {@code score_compare}: empty slots last, then higher score, then same base name. */
  private static int compare(Candidate a, Candidate b) {
    if (a.dst < 0) {
      return b.dst >= 0 ? 1 : 0;
    } else if (b.dst < 0) {
      return -1;
    }
    if (a.score == b.score) {
      return b.nameScore - a.nameScore;
    }
    return b.score - a.score;
  }

  /** git's {@code record_if_better}: replaces the row's worst slot if {@code o} is better. */
  private static void recordIfBetter(Candidate[] mx, int base, Candidate o) {
    int worst = base;
    for (int i = base + 1; i < base + CANDIDATES_PER_DESTINATION; i++) {
      if (compare(mx[i], mx[worst]) > 0) {
        worst = i;
      }
    }
    if (compare(mx[worst], o) > 0) {
      mx[worst] = o;
    }
  }

  private static int score(
      List<TreeDiff.Change> deleted,
      List<TreeDiff.Change> added,
      int s,
      int d,
      Similarity[] src,
      Similarity[] dst,
      int minimum,
      Measure measure)
      throws IOException {
    TreeDiff.Change from = deleted.get(s);
    TreeDiff.Change to = added.get(d);
    if (!regular(from.oldMode()) || !regular(to.newMode())) {
      return 0;
    }
    if (src[s] == null) {
      src[s] = measure.of(from, true);
    }
    if (dst[d] == null) {
      dst[d] = measure.of(to, false);
    }
    return Similarity.score(src[s], dst[d], minimum);
  }

  private static boolean regular(int mode) {
    return (mode & 0170000) == 0100000;
  }

  /** Base name to index, -1 for a base name that more than one file has. */
  private static Map<String, Integer> uniqueBaseNames(List<TreeDiff.Change> changes) {
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i < changes.size(); i++) {
      String base = baseName(changes.get(i).path());
      out.put(base, out.containsKey(base) ? -1 : i);
    }
    return out;
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static int count(boolean[] used) {
    int n = 0;
    for (boolean u : used) {
      if (!u) {
        n++;
      }
    }
    return n;
  }

  private static void removeUsed(List<TreeDiff.Change> changes, boolean[] used) {
    List<TreeDiff.Change> left = new ArrayList<>(changes.size());
    for (int i = 0; i < changes.size(); i++) {
      if (!used[i]) {
        left.add(changes.get(i));
      }
    }
    changes.clear();
    changes.addAll(left);
  }
}
