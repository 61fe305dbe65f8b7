package dev.pizza.cache;

import dev.pizza.RepositoryId;
import dev.pizza.errors.PizzaException;
import java.util.List;
import java.util.Set;

/**
 * A store of bare repositories on disk, one entry per {@link RepositoryId#key()}.
 *
 * <p>{@link #acquire} returns a {@link Lease} on the entry, loading (cloning) it through the given
 * {@link RepositoryLoader} on a miss. Concurrent acquires of one missing key load it once; the
 * others wait for that load and share its result or its failure. Pinned entries are never evicted;
 * leased entries are never evicted or deleted while leased. Implementations are thread safe.
 */
public interface RepoStore extends AutoCloseable {

  /**
   * Leases the entry for {@code repository}, loading it through {@code loader} on a miss.
   *
   * @throws dev.pizza.errors.StorageExhaustedException if room for a new entry cannot be made
   *     within the budgets; nothing is left half-written
   * @throws PizzaException what the loader threw, or a {@link
   *     dev.pizza.errors.RepositoryStorageException} when the store's disk fails
   */
  Lease acquire(RepositoryId repository, RepositoryLoader loader) throws PizzaException;

  /** Pins {@code repository}: its entry, present or future, is never evicted. */
  void pin(RepositoryId repository);

  /** Unpins {@code repository}: its entry becomes an ordinary least-recently-used entry. */
  void unpin(RepositoryId repository);

  /** Returns the pinned repositories' keys. */
  Set<String> pinnedKeys();

  /** Returns the entries, least recently used first. */
  List<EntrySnapshot> entries();

  /** Returns a snapshot of the statistics. */
  StoreStats stats();

  /** Releases the store's lock on its root. Open leases stay valid until closed. */
  @Override
  void close();
}
