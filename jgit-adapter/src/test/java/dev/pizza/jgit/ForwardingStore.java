package dev.pizza.jgit;

import dev.pizza.RepositoryId;
import dev.pizza.cache.EntrySnapshot;
import dev.pizza.cache.Lease;
import dev.pizza.cache.RepoStore;
import dev.pizza.cache.StoreStats;
import dev.pizza.errors.PizzaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A {@link RepoStore} for tests over another one that records what passes through it: the loader's
 * attributes, loads and invalidations.
 */
final class ForwardingStore implements RepoStore {
  private final RepoStore delegate;
  final Map<String, Map<String, String>> attributes = new ConcurrentHashMap<>();
  final Map<String, Integer> loads = new ConcurrentHashMap<>();
  final Map<String, Integer> invalidations = new ConcurrentHashMap<>();

  /** Runs when a loader has returned, before the store measures and keeps what it wrote. */
  volatile Runnable afterLoad = () -> {};

  ForwardingStore(RepoStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Lease acquire(RepositoryId repository, dev.pizza.cache.RepositoryLoader loader)
      throws PizzaException {
    Lease lease =
        delegate.acquire(
            repository,
            (dir, budget) -> {
              Map<String, String> a = loader.load(dir, budget);
              afterLoad.run();
              attributes.put(repository.key(), Map.copyOf(a));
              loads.merge(repository.key(), 1, Integer::sum);
              return a;
            });
    return new Lease() {
      private boolean invalid;

      @Override
      public RepositoryId repository() {
        return lease.repository();
      }

      @Override
      public Path directory() {
        return lease.directory();
      }

      @Override
      public boolean loaded() {
        return lease.loaded();
      }

      @Override
      public Map<String, String> attributes() {
        return lease.attributes();
      }

      @Override
      public void fetched() {
        lease.fetched();
      }

      @Override
      public void invalidate() {
        invalid = true;
        lease.invalidate();
      }

      @Override
      public void close() {
        lease.close();
        if (invalid) {
          invalid = false;
          invalidations.merge(repository.key(), 1, Integer::sum);
          attributes.remove(repository.key());
        }
      }
    };
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void pin(RepositoryId repository) {
    delegate.pin(repository);
  }

  @Override
  public void unpin(RepositoryId repository) {
    delegate.unpin(repository);
  }

  @Override
  public Set<String> pinnedKeys() {
    return delegate.pinnedKeys();
  }

  @Override
  public List<EntrySnapshot> entries() {
    return delegate.entries();
  }

  @Override
  public StoreStats stats() {
    return delegate.stats();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
