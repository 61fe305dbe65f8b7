package dev.pizza.jdbc;

import dev.pizza.RepositoryId;
import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the sink knows about the bake of one repository in progress: its open transaction, if any,
 * and its counts, both those already committed with a checkpoint and those still pending.
 */
final class BakeState {
  final RepositoryId repository;
  final String bakeId = UUID.randomUUID().toString();
  final Instant started = Instant.now();

  /** The connection of the open transaction, or null between checkpoints. */
  @Nullable Connection connection;

  /** The writer's session of the open transaction, set and cleared with {@link #connection}. */
  CommitWriter.@Nullable Session session;

  /**
   * The thread running this bake's statements since the last checkpoint, or null before the first
   * statement after it.
   */
  @Nullable WriteBehind writes;

  /** The repository's row id, known once a transaction has opened. */
  long repoId = -1;

  long delivered;
  long retracted;
  boolean resynced;

  long savedDelivered;
  long savedRetracted;
  boolean savedResynced;

  /** Whether a checkpoint of this bake has been committed. */
  boolean anySaved;

  BakeState(RepositoryId repository) {
    this.repository = repository;
  }

  /** Marks the pending counts committed. */
  void saved() {
    savedDelivered = delivered;
    savedRetracted = retracted;
    savedResynced = resynced;
    anySaved = true;
  }

  /** Forgets the pending counts: they were rolled back. */
  void rolledBack() {
    delivered = savedDelivered;
    retracted = savedRetracted;
    resynced = savedResynced;
  }
}
