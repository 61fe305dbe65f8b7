package dev.pizza.jgit.internal.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Git's exact rename pass ({@code find_exact_renames} of {@code diffcore-rename.c}) without copies:
 * each added file, in path order, takes the first deleted file in path order with the same blob
 * that no earlier added file took, preferring one with the same base name; a file that is not a
 * regular file only matches one of its own mode. A deleted file is taken at most once, so, unlike
 * JGit's detector, this pass never turns identical additions into copies.
 */
final class ExactRenames {
  private ExactRenames() {}

  /** A deleted file paired with an added one. */
  record Pair(TreeDiff.Change deleted, TreeDiff.Change added) {}

  /**
   * Returns the pairs, and removes their members from {@code added} and {@code deleted} (both in
   * path order).
   */
  static List<Pair> take(List<TreeDiff.Change> added, List<TreeDiff.Change> deleted) {
    Map<Oid, List<Integer>> byId = new HashMap<>();
    for (int i = 0; i < deleted.size(); i++) {
      byId.computeIfAbsent(deleted.get(i).oldId(), k -> new ArrayList<>(1)).add(i);
    }
    List<Pair> pairs = new ArrayList<>();
    boolean[] used = new boolean[deleted.size()];
    List<TreeDiff.Change> unmatched = new ArrayList<>(added.size());
    for (TreeDiff.Change a : added) {
      List<Integer> sources = byId.get(a.newId());
      int best = -1;
      int bestScore = -1;
      if (sources != null) {
        for (int s : sources) {
          TreeDiff.Change d = deleted.get(s);
          if (used[s] || !modesMatch(d.oldMode(), a.newMode())) {
            continue;
          }
          int score = baseName(d.path()).equals(baseName(a.path())) ? 1 : 0;
          if (score > bestScore) {
            best = s;
            bestScore = score;
            if (score == 1) {
              break;
            }
          }
        }
      }
      if (best >= 0) {
        used[best] = true;
        pairs.add(new Pair(deleted.get(best), a));
      } else {
        unmatched.add(a);
      }
    }
    added.clear();
    added.addAll(unmatched);
    List<TreeDiff.Change> left = new ArrayList<>(deleted.size());
    for (int i = 0; i < deleted.size(); i++) {
      if (!used[i]) {
        left.add(deleted.get(i));
      }
    }
    deleted.clear();
    deleted.addAll(left);
    return pairs;
  }

  private static boolean modesMatch(int oldMode, int newMode) {
    boolean regular = (oldMode & 0170000) == 0100000 && (newMode & 0170000) == 0100000;
    return regular || oldMode == newMode;
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
