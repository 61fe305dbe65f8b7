package dev.pizza.testing;

import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.CommitSink;
import dev.pizza.RepositoryId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link CommitSink} that keeps everything in memory, with exactly-once semantics: what a bake
 * sends becomes visible together with the next checkpoint it saves (intermediate or complete), and
 * what it sent after its last save is dropped when it aborts. For tests and small tools. Thread
 * safe.
 */
public final class InMemoryCommitSink implements CommitSink {
  private final Map<RepositoryId, Checkpoint> checkpoints = new HashMap<>();
  private final Map<RepositoryId, Map<CommitId, CommitRecord>> stored = new HashMap<>();
  private final Map<RepositoryId, Pending> pending = new HashMap<>();
  private final List<CommitId> deliveries = new ArrayList<>();
  private final List<CommitId> redelivered = new ArrayList<>();

  private static final class Pending {
    final List<CommitRecord> accepted = new ArrayList<>();
    final List<CommitId> retracted = new ArrayList<>();
    boolean resync;
  }

  @Override
  public synchronized Checkpoint checkpoint(RepositoryId repository) {
    return checkpoints.getOrDefault(repository, Checkpoint.empty());
  }

  @Override
  public synchronized void begin(RepositoryId repository, Checkpoint from) {
    pending.put(repository, new Pending());
  }

  @Override
  public synchronized void retract(RepositoryId repository, List<CommitId> commits) {
    pendingOf(repository).retracted.addAll(commits);
  }

  @Override
  public synchronized void resync(RepositoryId repository) {
    pendingOf(repository).resync = true;
  }

  @Override
  public synchronized void accept(RepositoryId repository, List<CommitRecord> commits) {
    pendingOf(repository).accepted.addAll(commits);
  }

  @Override
  public synchronized void saveCheckpoint(RepositoryId repository, Checkpoint checkpoint) {
    Pending p = pendingOf(repository);
    if (checkpoint.isComplete()) {
      pending.remove(repository);
    } else {
      pending.put(repository, new Pending());
    }
    Map<CommitId, CommitRecord> records =
        stored.computeIfAbsent(repository, r -> new LinkedHashMap<>());
    if (p.resync) {
      records.clear();
    }
    p.retracted.forEach(records::remove);
    for (CommitRecord r : p.accepted) {
      if (records.put(r.id(), r) != null) {
        redelivered.add(r.id());
      }
      deliveries.add(r.id());
    }
    checkpoints.put(repository, checkpoint);
  }

  @Override
  public synchronized void abort(RepositoryId repository, Throwable cause) {
    pending.remove(repository);
  }

  /** Returns the records stored for {@code repository}: delivered, minus retracted. */
  public synchronized Map<CommitId, CommitRecord> records(RepositoryId repository) {
    return Map.copyOf(stored.getOrDefault(repository, Map.of()));
  }

  /** Returns the ids stored for {@code repository}. */
  public synchronized Set<CommitId> ids(RepositoryId repository) {
    return Set.copyOf(stored.getOrDefault(repository, Map.of()).keySet());
  }

  /** Returns every committed delivery in order, across repositories, duplicates included. */
  public synchronized List<CommitId> deliveries() {
    return List.copyOf(deliveries);
  }

  /**
   * Returns every committed delivery of a commit the sink held at that moment (not retracted or
   * resynced away before it), in order: empty when each commit was delivered exactly once.
   */
  public synchronized List<CommitId> redelivered() {
    return List.copyOf(redelivered);
  }

  private Pending pendingOf(RepositoryId repository) {
    Pending p = pending.get(repository);
    if (p == null) {
      throw new IllegalStateException("no bake of " + repository + " is open: call begin first");
    }
    return p;
  }
}
