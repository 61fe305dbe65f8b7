package dev.pizza;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The commits whose ancestry a sink holds while a bake delivers: what an intermediate {@link
 * Checkpoint} records. Memory follows the frontier's size, not the commits delivered.
 *
 * <p>It starts from a set whose ancestry the sink holds. Each commit delivered must come after its
 * parents (they are then held already): it joins, and its parents, no longer maximal, leave. The
 * ancestry of the set then grows by exactly the delivered commit.
 *
 * <p>After retractions, the sink holds reachable(old) minus the retracted commits. That set is the
 * ancestry of the old commits not retracted plus the parents of retracted commits not retracted
 * (follow any path down from an old commit: the first commit on it that was not retracted is one of
 * these), which {@link Retracted} collects as the retractions stream by. Not thread safe.
 */
final class Frontier {
  private final Set<CommitId> commits;

  Frontier(Collection<CommitId> start) {
    this.commits = new HashSet<>(start);
  }

  /** Records that {@code r} was delivered, after its parents. */
  void delivered(CommitRecord r) {
    r.parents().forEach(commits::remove);
    commits.add(r.id());
  }

  Set<CommitId> commits() {
    return Set.copyOf(commits);
  }

  /**
   * Collects the retracted commits, in any order, and what stays of the old set. Memory follows the
   * retractions (rewrites are rare and usually small).
   */
  static final class Retracted {
    private final Set<CommitId> gone = new HashSet<>();
    private final Set<CommitId> below = new HashSet<>();

    void add(CommitRecord r) {
      gone.add(r.id());
      below.addAll(r.parents());
    }

    /** Returns the commits whose ancestry is reachable({@code old}) minus the retracted commits. */
    Set<CommitId> remaining(Collection<CommitId> old) {
      Set<CommitId> out = new HashSet<>(old);
      out.addAll(below);
      out.removeAll(gone);
      return out;
    }
  }
}
