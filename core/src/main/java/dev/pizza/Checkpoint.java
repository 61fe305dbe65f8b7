package dev.pizza;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ref tips of a repository that a sink has baked: every commit reachable from them has been
 * delivered. The next bake delivers the commits reachable from the repository's new tips and not
 * from these. Immutable.
 *
 * @param tips ref name (such as {@code refs/heads/main} or {@code refs/tags/v1.0}) to the commit it
 *     pointed at, sorted by ref name
 */
public record Checkpoint(Map<String, CommitId> tips) {
  private static final Checkpoint EMPTY = new Checkpoint(Map.of());

  /** Copies {@code tips} into an immutable map sorted by ref name. */
  public Checkpoint {
    tips = Collections.unmodifiableSortedMap(new TreeMap<>(tips));
  }

  /** Returns the checkpoint of a repository never baked: no tips, so every commit is new. */
  public static Checkpoint empty() {
    return EMPTY;
  }

  /** Returns whether this checkpoint has no tips. */
  public boolean isEmpty() {
    return tips.isEmpty();
  }

  /** Returns the distinct commits the tips point at, sorted. */
  public Set<CommitId> commits() {
    return Collections.unmodifiableSet(new TreeSet<>(tips.values()));
  }
}
