package dev.pizza;

import dev.pizza.spi.Acquisition;
import dev.pizza.spi.CommitSource;
import dev.pizza.spi.OpenedRepository;
import dev.pizza.spi.RepositoryBackend;
import dev.pizza.testing.InMemoryCommitSource;
import java.util.Map;
import java.util.Optional;

/** A backend over one in-memory repository whose commits and tips a test changes between bakes. */
final class InMemoryBackend implements RepositoryBackend {
  private volatile InMemoryCommitSource source = InMemoryCommitSource.of(java.util.List.of());
  private volatile Map<String, CommitId> tips = Map.of();

  /** Makes the next bakes see {@code source} with {@code tips}. */
  void set(InMemoryCommitSource source, Map<String, CommitId> tips) {
    this.source = source;
    this.tips = Map.copyOf(tips);
  }

  @Override
  public OpenedRepository open(RepositoryUrl url, ProgressListener progress) {
    InMemoryCommitSource s = source;
    Map<String, CommitId> t = tips;
    return new OpenedRepository() {
      @Override
      public Acquisition acquisition() {
        return Acquisition.READ_IN_PLACE;
      }

      @Override
      public Map<String, CommitId> tips() {
        return t;
      }

      @Override
      public Optional<String> defaultBranch() {
        return Optional.empty();
      }

      @Override
      public CommitSource commits() {
        return s;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() {}
}
