package dev.pizza.jdbc;

import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.CommitSink;
import dev.pizza.RepositoryId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

/** Passes every call to the sink under test and keeps what the bake delivered, to compare. */
final class TeeSink implements CommitSink {
  final CommitSink target;
  final List<CommitRecord> delivered = Collections.synchronizedList(new ArrayList<>());
  final List<CommitId> retracted = Collections.synchronizedList(new ArrayList<>());

  /** Runs when a bake begins (the crash test's child announces it). */
  volatile Runnable onBegin = () -> {};

  /** Runs after the target accepted a batch, with its size. */
  volatile IntConsumer onAccept = n -> {};

  /** Runs after the target saved a checkpoint. */
  volatile Runnable onSave = () -> {};

  TeeSink(CommitSink target) {
    this.target = target;
  }

  @Override
  public Checkpoint checkpoint(RepositoryId repository) throws Exception {
    return target.checkpoint(repository);
  }

  @Override
  public void begin(RepositoryId repository, Checkpoint from) throws Exception {
    target.begin(repository, from);
    onBegin.run();
  }

  @Override
  public void retract(RepositoryId repository, List<CommitId> commits) throws Exception {
    retracted.addAll(commits);
    target.retract(repository, commits);
  }

  @Override
  public void resync(RepositoryId repository) throws Exception {
    target.resync(repository);
  }

  @Override
  public void accept(RepositoryId repository, List<CommitRecord> commits) throws Exception {
    delivered.addAll(commits);
    target.accept(repository, commits);
    onAccept.accept(commits.size());
  }

  @Override
  public void saveCheckpoint(RepositoryId repository, Checkpoint checkpoint) throws Exception {
    target.saveCheckpoint(repository, checkpoint);
    onSave.run();
  }

  @Override
  public void abort(RepositoryId repository, Throwable cause) {
    target.abort(repository, cause);
  }
}
