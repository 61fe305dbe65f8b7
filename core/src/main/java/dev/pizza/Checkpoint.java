package dev.pizza;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a sink holds of a repository, as commits whose ancestry it is. Immutable.
 *
 * <p>A <b>complete</b> checkpoint ({@link #isComplete()}, the frontier is empty) is saved when a
 * bake finishes: the sink holds exactly the commits reachable from its {@link #tips}, and the next
 * bake delivers the commits reachable from the repository's new tips and not from these.
 *
 * <p>An <b>intermediate</b> checkpoint is saved while a bake delivers (see {@link CommitSink}): the
 * sink holds exactly the commits reachable from its {@link #frontier}. The oven delivers parents
 * before children, so every delivered set is closed under "parent of" and is the ancestry of its
 * own maximal commits, the frontier; a frontier stays small (about the number of lines of
 * development that run side by side), whatever the history's size. A bake that starts from it
 * delivers only what is still missing. Its {@link #tips} are those of the last complete checkpoint
 * the unfinished bake started from: a sink that persists only the tips, ignoring the frontier,
 * falls back to redelivering from there (at least once), never to skipping commits.
 *
 * @param tips ref name (such as {@code refs/heads/main} or {@code refs/tags/v1.0}) to the commit it
 *     pointed at, sorted by ref name: of this finished bake, or of the last finished bake before an
 *     unfinished one
 * @param frontier empty when complete; otherwise the commits whose ancestry the sink holds, sorted
 * @param delivered 0 when complete; otherwise how many new commits the unfinished bakes since
 *     {@code tips} have delivered, for reports such as "resumed: N of M already delivered"
 */
public record Checkpoint(Map<String, CommitId> tips, Set<CommitId> frontier, long delivered) {
  private static final Checkpoint EMPTY = new Checkpoint(Map.of());

  /**
   * Copies {@code tips} into an immutable map sorted by ref name and {@code frontier} into an
   * immutable sorted set.
   *
   * @throws IllegalArgumentException if {@code delivered} is negative, or not 0 with an empty
   *     frontier
   */
  public Checkpoint {
    tips = Collections.unmodifiableSortedMap(new TreeMap<>(tips));
    SortedSet<CommitId> sorted = new TreeSet<>(frontier);
    frontier = Collections.unmodifiableSortedSet(sorted);
    if (delivered < 0 || (frontier.isEmpty() && delivered != 0)) {
      throw new IllegalArgumentException(
          "delivered must be 0 for a complete checkpoint and not negative, got " + delivered);
    }
  }

  /** A complete checkpoint: every commit reachable from {@code tips} has been delivered. */
  public Checkpoint(Map<String, CommitId> tips) {
    this(tips, Set.of(), 0);
  }

  /** Returns the checkpoint of a repository never baked: no tips, so every commit is new. */
  public static Checkpoint empty() {
    return EMPTY;
  }

  /**
   * Returns the checkpoint of an unfinished bake: the sink holds exactly the commits reachable from
   * {@code frontier}. An empty frontier means the sink holds nothing: {@link #empty()} is returned,
   * which reads as complete; the oven never saves such a checkpoint in the middle of a bake.
   *
   * @param tips the tips of the last complete checkpoint the unfinished bake started from
   * @param frontier the commits whose ancestry the sink holds
   * @param delivered how many new commits the unfinished bakes since {@code tips} have delivered
   */
  public static Checkpoint intermediate(
      Map<String, CommitId> tips, Set<CommitId> frontier, long delivered) {
    return frontier.isEmpty() ? EMPTY : new Checkpoint(tips, frontier, delivered);
  }

  /** Returns whether this checkpoint was saved by a finished bake (its frontier is empty). */
  public boolean isComplete() {
    return frontier.isEmpty();
  }

  /** Returns whether this checkpoint says the sink holds nothing: no tips and no frontier. */
  public boolean isEmpty() {
    return tips.isEmpty() && frontier.isEmpty();
  }

  /**
   * Returns the commits whose ancestry the sink holds, sorted: the distinct commits the tips point
   * at when complete, the frontier otherwise.
   */
  public Set<CommitId> commits() {
    return isComplete() ? Collections.unmodifiableSet(new TreeSet<>(tips.values())) : frontier;
  }
}
