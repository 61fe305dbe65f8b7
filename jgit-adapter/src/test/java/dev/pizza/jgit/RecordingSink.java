package dev.pizza.jgit;

import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.CommitSink;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An at-least-once sink for tests: remembers every delivery of every bake (also of failed bakes),
 * the saved checkpoint, and retractions; can be told to throw at the n-th accept.
 */
class RecordingSink implements CommitSink {
  final List<CommitRecord> delivered = new ArrayList<>();
  final List<CommitId> retracted = new ArrayList<>();
  final Map<RepositoryId, Checkpoint> checkpoints = new HashMap<>();
  int resyncs;
  int aborts;
  private int acceptsBeforeFailure = -1;

  /** Bakes the local repository {@code repo} with line statistics into a new sink. */
  static RecordingSink bakedWithLineStats(Path repo) throws Exception {
    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven =
        PizzaOven.builder()
            .allowLocalRepositories(true)
            .backend(JGitBackend.builder().lineStats(true).build())
            .build()) {
      oven.bake(repo.toString(), sink);
    }
    return sink;
  }

  void failAtAccept(int n) {
    acceptsBeforeFailure = n;
  }

  @Override
  public Checkpoint checkpoint(RepositoryId repository) {
    return checkpoints.getOrDefault(repository, Checkpoint.empty());
  }

  @Override
  public void accept(RepositoryId repository, List<CommitRecord> commits) {
    if (acceptsBeforeFailure == 0) {
      acceptsBeforeFailure = -1;
      throw new IllegalStateException("sink failure injected by the test");
    }
    if (acceptsBeforeFailure > 0) {
      acceptsBeforeFailure--;
    }
    delivered.addAll(commits);
  }

  @Override
  public void retract(RepositoryId repository, List<CommitId> commits) {
    retracted.addAll(commits);
  }

  @Override
  public void resync(RepositoryId repository) {
    resyncs++;
  }

  @Override
  public void saveCheckpoint(RepositoryId repository, Checkpoint checkpoint) {
    checkpoints.put(repository, checkpoint);
  }

  @Override
  public void abort(RepositoryId repository, Throwable cause) {
    aborts++;
  }

  Set<CommitId> deliveredIds() {
    Set<CommitId> ids = new HashSet<>();
    delivered.forEach(r -> ids.add(r.id()));
    return ids;
  }

  List<CommitId> deliveredIdList() {
    return delivered.stream().map(CommitRecord::id).toList();
  }
}
