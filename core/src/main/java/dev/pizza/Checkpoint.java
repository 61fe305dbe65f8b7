package dev.pizza;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a sink holds of a repository. Immutable.
 *
 * <p>A <b>complete</b> checkpoint ({@link #isComplete()}, no target) is saved when a bake finishes:
 * the sink holds exactly the commits reachable from its {@link #tips}, and the next bake delivers
 * the commits reachable from the repository's new tips and not from these.
 *
 * <p>An <b>intermediate</b> checkpoint is saved while a bake delivers (see {@link CommitSink}). The
 * unfinished bake went from {@link #tips} (the last complete checkpoint) to its {@link #target}
 * tips; it had sent its retractions, and delivers the range reachable from the target and not from
 * the tips in an order its source names ({@link #order}) and can repeat: the same commits and tips
 * give the same order, whatever was fetched since. The sink holds exactly the commits reachable
 * from both the tips and the target, plus the first {@link #delivered} commits of that order. A
 * bake that starts from it walks the range again, skips those commits without reading them into
 * records, delivers the rest, and then goes on from the target to the repository's current tips.
 * Memory is the tips, whatever the history's size.
 *
 * <p>When the target's commits are gone from the repository (rewritten away, and the repository
 * cloned again), the sink's set cannot be matched and the next bake resyncs; when the source orders
 * differently now, it delivers the whole range again (at least once). A sink that persists only the
 * tips, ignoring the rest, falls back to redelivering from them, never to skipping commits.
 *
 * @param tips ref name (such as {@code refs/heads/main} or {@code refs/tags/v1.0}) to the commit it
 *     pointed at, sorted by ref name: of this finished bake, or of the last finished bake before an
 *     unfinished one
 * @param target empty when complete; otherwise the tips the unfinished bake was delivering toward,
 *     sorted by ref name
 * @param delivered 0 when complete; otherwise how many commits of the unfinished bake's range, in
 *     its order, the sink holds: also what reports such as "resumed: N of M already delivered" say
 * @param order empty when complete; otherwise the name of the order {@code delivered} counts in, as
 *     the source named it ({@link dev.pizza.spi.CommitSource#order()})
 */
public record Checkpoint(
    Map<String, CommitId> tips, Map<String, CommitId> target, long delivered, String order) {
  private static final Checkpoint EMPTY = new Checkpoint(Map.of());

  /**
   * Copies {@code tips} and {@code target} into immutable maps sorted by ref name.
   *
   * @throws IllegalArgumentException if {@code delivered} is negative, or a checkpoint without a
   *     target has a count or an order
   */
  public Checkpoint {
    tips = Collections.unmodifiableSortedMap(new TreeMap<>(tips));
    target = Collections.unmodifiableSortedMap(new TreeMap<>(target));
    Objects.requireNonNull(order, "order");
    if (delivered < 0 || (target.isEmpty() && (delivered != 0 || !order.isEmpty()))) {
      throw new IllegalArgumentException(
          "a complete checkpoint has no count and no order, and no count is negative; got "
              + delivered
              + " in order '"
              + order
              + "'");
    }
  }

  /** A complete checkpoint: every commit reachable from {@code tips} has been delivered. */
  public Checkpoint(Map<String, CommitId> tips) {
    this(tips, Map.of(), 0, "");
  }

  /** Returns the checkpoint of a repository never baked: no tips, so every commit is new. */
  public static Checkpoint empty() {
    return EMPTY;
  }

  /**
   * Returns the checkpoint of an unfinished bake from {@code tips} to {@code target}: the sink
   * holds the commits reachable from both, plus the first {@code delivered} commits, in {@code
   * order}, of those reachable from {@code target} and not from {@code tips}.
   *
   * @throws IllegalArgumentException if {@code target} is empty or {@code delivered} negative
   */
  public static Checkpoint intermediate(
      Map<String, CommitId> tips, Map<String, CommitId> target, long delivered, String order) {
    if (target.isEmpty()) {
      throw new IllegalArgumentException("an intermediate checkpoint needs target tips");
    }
    return new Checkpoint(tips, target, delivered, order);
  }

  /** Returns whether this checkpoint was saved by a finished bake (it has no target). */
  public boolean isComplete() {
    return target.isEmpty();
  }

  /** Returns whether this checkpoint says the sink holds nothing: no tips and no target. */
  public boolean isEmpty() {
    return tips.isEmpty() && target.isEmpty();
  }

  /** Returns the distinct commits the {@link #tips} point at, sorted. */
  public Set<CommitId> commits() {
    return Collections.unmodifiableSet(new TreeSet<>(tips.values()));
  }
}
