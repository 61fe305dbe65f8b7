package dev.pizza.testing;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.spi.CommitSource;
import dev.pizza.spi.CommitStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CommitSource} over records held in memory, for unit tests of sinks and pipeline plugins
 * that should run without git. Thread safe once built; immutable.
 *
 * <pre>{@code
 * InMemoryCommitSource source = InMemoryCommitSource.of(List.of(root, child));
 * try (CommitStream s = source.walk(List.of(child.id()), List.of())) { ... }
 * }</pre>
 */
public final class InMemoryCommitSource implements CommitSource {
  private final Map<CommitId, CommitRecord> commits;

  private InMemoryCommitSource(Map<CommitId, CommitRecord> commits) {
    this.commits = commits;
  }

  /**
   * Returns a source holding {@code records}.
   *
   * @throws IllegalArgumentException if an id repeats or a parent is missing
   */
  public static InMemoryCommitSource of(Collection<CommitRecord> records) {
    Map<CommitId, CommitRecord> map = new LinkedHashMap<>();
    for (CommitRecord r : records) {
      if (map.put(r.id(), r) != null) {
        throw new IllegalArgumentException("commit " + r.id() + " given twice");
      }
    }
    for (CommitRecord r : records) {
      for (CommitId p : r.parents()) {
        if (!map.containsKey(p)) {
          throw new IllegalArgumentException("commit " + r.id() + " has missing parent " + p);
        }
      }
    }
    return new InMemoryCommitSource(Map.copyOf(map));
  }

  @Override
  public boolean contains(CommitId id) {
    return commits.containsKey(id);
  }

  @Override
  public CommitStream walk(Collection<CommitId> include, Collection<CommitId> exclude)
      throws IOException {
    for (CommitId id : include) {
      if (!commits.containsKey(id)) {
        throw new IOException("commit " + id + " is not in this source");
      }
    }
    Set<CommitId> excluded = reachable(exclude.stream().filter(commits::containsKey).toList());
    Deque<CommitId> pending = new ArrayDeque<>();
    Set<CommitId> seen = new HashSet<>(excluded);
    for (CommitId id : new TreeSet<>(include)) {
      if (seen.add(id)) {
        pending.push(id);
      }
    }
    return new CommitStream() {
      @Override
      public @Nullable CommitRecord next() {
        CommitId id = pending.poll();
        if (id == null) {
          return null;
        }
        CommitRecord r = commits.get(id);
        if (r == null) {
          throw new IllegalStateException("checked at construction: " + id);
        }
        for (CommitId p : r.parents()) {
          if (seen.add(p)) {
            pending.push(p);
          }
        }
        return r;
      }

      @Override
      public void close() {}
    };
  }

  /**
   * Names the walk's order: depth first from the include ids in id order, the last parent on top,
   * skipping what the exclude ids reach; a function of the graph and the two sets alone.
   */
  @Override
  public String order() {
    return "in-memory-dfs/1";
  }

  private Set<CommitId> reachable(List<CommitId> tips) {
    Set<CommitId> seen = new HashSet<>(tips);
    Deque<CommitId> pending = new ArrayDeque<>(tips);
    for (CommitId id = pending.poll(); id != null; id = pending.poll()) {
      CommitRecord r = commits.get(id);
      if (r != null) {
        for (CommitId p : r.parents()) {
          if (seen.add(p)) {
            pending.push(p);
          }
        }
      }
    }
    return seen;
  }
}
