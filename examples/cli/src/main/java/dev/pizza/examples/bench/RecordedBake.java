package dev.pizza.examples.bench;

import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.CommitSink;
import dev.pizza.RepositoryId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A sink that keeps every call of a bake in memory, records included, so that the same calls can be
 * made again on another sink ({@link #replay}) without the walk: what {@link FloorOnce} times. The
 * oven's batches and checkpoints are kept as they came, so a replay has the bake's transaction
 * shape. Not thread safe.
 */
final class RecordedBake implements CommitSink {
  /** One call of the bake. */
  private sealed interface Call {
    void on(CommitSink sink) throws Exception;
  }

  private record Begin(RepositoryId repository, Checkpoint from) implements Call {
    @Override
    public void on(CommitSink sink) throws Exception {
      sink.begin(repository, from);
    }
  }

  private record Accept(RepositoryId repository, List<CommitRecord> commits) implements Call {
    @Override
    public void on(CommitSink sink) throws Exception {
      sink.accept(repository, commits);
    }
  }

  private record Retract(RepositoryId repository, List<CommitId> commits) implements Call {
    @Override
    public void on(CommitSink sink) throws Exception {
      sink.retract(repository, commits);
    }
  }

  private record Resync(RepositoryId repository) implements Call {
    @Override
    public void on(CommitSink sink) throws Exception {
      sink.resync(repository);
    }
  }

  private record Save(RepositoryId repository, Checkpoint checkpoint) implements Call {
    @Override
    public void on(CommitSink sink) throws Exception {
      sink.saveCheckpoint(repository, checkpoint);
    }
  }

  private final List<Call> calls;
  private long records;

  /** Returns an empty recording: every repository is new to it. */
  RecordedBake() {
    this(new ArrayList<>());
  }

  private RecordedBake(List<Call> calls) {
    this.calls = calls;
  }

  @Override
  public Checkpoint checkpoint(RepositoryId repository) {
    return Checkpoint.empty();
  }

  @Override
  public void begin(RepositoryId repository, Checkpoint from) {
    calls.add(new Begin(repository, from));
  }

  @Override
  public void retract(RepositoryId repository, List<CommitId> commits) {
    calls.add(new Retract(repository, List.copyOf(commits)));
  }

  @Override
  public void resync(RepositoryId repository) {
    calls.add(new Resync(repository));
  }

  @Override
  public void accept(RepositoryId repository, List<CommitRecord> commits) {
    calls.add(new Accept(repository, List.copyOf(commits)));
    records += commits.size();
  }

  @Override
  public void saveCheckpoint(RepositoryId repository, Checkpoint checkpoint) {
    calls.add(new Save(repository, checkpoint));
  }

  /** Returns how many records were accepted. */
  long records() {
    return records;
  }

  /** Returns how many batches were accepted. */
  long batches() {
    return calls.stream().filter(c -> c instanceof Accept).count();
  }

  /** Returns the same calls with each record replaced by {@code f} of it. */
  RecordedBake mapRecords(UnaryOperator<CommitRecord> f) {
    List<Call> mapped = new ArrayList<>(calls.size());
    for (Call c : calls) {
      mapped.add(
          c instanceof Accept a
              ? new Accept(a.repository(), a.commits().stream().map(f).toList())
              : c);
    }
    RecordedBake copy = new RecordedBake(mapped);
    copy.records = records;
    return copy;
  }

  /** Makes every recorded call on {@code sink}, in order, from the calling thread. */
  void replay(CommitSink sink) throws Exception {
    for (Call c : calls) {
      c.on(sink);
    }
  }
}
