package dev.pizza.examples.bench;

import dev.pizza.Checkpoint;
import dev.pizza.CommitRecord;
import dev.pizza.CommitSink;
import dev.pizza.RepositoryId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sink that keeps nothing but a count, an {@link IdChecksum} of the ids, and the checkpoints it
 * was given: the cheapest sink possible, so a benchmark measures the bake and not the storage. It
 * touches every record's id and message so the records cannot be optimised away. Not thread safe.
 */
public final class CountingSink implements CommitSink {
  private final Map<RepositoryId, Checkpoint> checkpoints = new HashMap<>();
  private final IdChecksum checksum = new IdChecksum();
  private long messageChars;

  /** Returns an empty sink: every repository is new to it. */
  public CountingSink() {}

  /** Returns a sink that has already baked {@code repository} up to {@code checkpoint}. */
  public static CountingSink startingFrom(RepositoryId repository, Checkpoint checkpoint) {
    CountingSink sink = new CountingSink();
    sink.checkpoints.put(repository, checkpoint);
    return sink;
  }

  @Override
  public Checkpoint checkpoint(RepositoryId repository) {
    return checkpoints.getOrDefault(repository, Checkpoint.empty());
  }

  @Override
  public void accept(RepositoryId repository, List<CommitRecord> commits) {
    for (CommitRecord r : commits) {
      checksum.add(r.id().hex());
      messageChars += r.message().length();
    }
  }

  @Override
  public void saveCheckpoint(RepositoryId repository, Checkpoint checkpoint) {
    checkpoints.put(repository, checkpoint);
  }

  /** Returns the checkpoint saved for {@code repository}, or the empty one. */
  public Checkpoint saved(RepositoryId repository) {
    return checkpoint(repository);
  }

  /** Returns how many records were accepted. */
  public long count() {
    return checksum.count();
  }

  /** Returns the checksum of the accepted ids. */
  public IdChecksum checksum() {
    return checksum;
  }

  /** Returns the total length of the accepted messages. */
  public long messageChars() {
    return messageChars;
  }
}
