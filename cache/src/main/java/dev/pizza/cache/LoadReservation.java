package dev.pizza.cache;

import dev.pizza.RepositoryId;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.RepositoryStorageException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The bytes one load has written into its {@code tmp/} directory, counted in {@link
 * StoreState#loadingBytes} from its first measurement until it ends (moved into the index, or
 * failed). Thread safe: the loader may call {@link #check()} from any thread.
 */
final class LoadReservation implements LoadBudget {
  private final StoreState state;
  private final RepositoryId repository;
  private final Path directory;

  /** The bytes counted in {@link StoreState#loadingBytes}; guarded by the store's lock. */
  private long bytes;

  /** Guarded by the store's lock. */
  private boolean ended;

  LoadReservation(StoreState state, RepositoryId repository, Path directory) {
    this.state = state;
    this.repository = repository;
    this.directory = directory;
  }

  @Override
  public void check() throws PizzaException {
    long measured;
    try {
      measured = FileOps.sizeOf(directory);
    } catch (IOException e) {
      throw new RepositoryStorageException(
          "cannot measure the load of " + repository + " in " + directory + ": " + e, e);
    }
    makeRoomFor(measured, "while loading it (" + measured + " bytes written so far)");
  }

  /**
   * Counts {@code measured} bytes for this load and makes room for them: evicts only if both
   * budgets can then hold.
   *
   * @throws dev.pizza.errors.StorageExhaustedException if they cannot; nothing was evicted for it
   */
  void makeRoomFor(long measured, String when) throws PizzaException {
    state.lock.lock();
    try {
      if (ended) {
        throw new RepositoryStorageException(
            "the load of " + repository + " has ended; its directory is no longer the store's");
      }
      state.loadingBytes += measured - bytes;
      bytes = measured;
    } finally {
      state.lock.unlock();
    }
    boolean fits;
    try {
      fits = state.makeRoomForLoad();
    } catch (IOException e) {
      throw new RepositoryStorageException("cannot evict from " + state.root + ": " + e, e);
    }
    if (!fits) {
      throw state.exhausted(repository, when, measured);
    }
  }

  /** Ends the reservation: its bytes no longer count. Holds the store's lock. */
  void end() {
    if (!ended) {
      state.loadingBytes -= bytes;
      bytes = 0;
      ended = true;
    }
  }
}
