package dev.pizza.cache;

import dev.pizza.RepositoryId;
import dev.pizza.RepositoryUrl;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.RepositoryStorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acquire and release for a {@link DiskRepoStore}: hits, single-flight loads and the bookkeeping of
 * a released lease. See {@link DiskRepoStore} for the protocol and {@link StoreState} for the
 * locking.
 *
 * <p>Single flight: the first acquire of a missing key registers a future in {@link #inFlight} and
 * loads; later acquires of the key wait on that future and then take a lease on the loaded entry,
 * or rethrow the load's failure. (A plain map of futures rather than a Caffeine {@code AsyncCache}:
 * Caffeine logs a warning through {@code System.Logger} for every failed load, and a library must
 * not print.)
 */
final class StoreEngine {
  private static final Logger LOG = LoggerFactory.getLogger(DiskRepoStore.class);

  private final StoreState state;
  private final Clock clock;
  private final Semaphore loadPermits;
  private final ConcurrentHashMap<String, CompletableFuture<EntryState>> inFlight =
      new ConcurrentHashMap<>();

  StoreEngine(StoreState state, Clock clock, int maxConcurrentLoads) {
    this.state = state;
    this.clock = clock;
    this.loadPermits = new Semaphore(maxConcurrentLoads, true);
  }

  /** Leases {@code key}'s entry, loading it on a miss; see {@link RepoStore#acquire}. */
  Lease acquire(RepositoryId repository, String key, RepositoryLoader loader)
      throws PizzaException {
    while (true) {
      state.lock.lock();
      try {
        state.checkOpen();
        EntryState e = state.index.get(key);
        if (e != null && e.doomed) {
          state.deleted.awaitUninterruptibly(); // until the invalidated entry is deleted
          continue;
        }
        if (e != null) {
          e.leases++;
          state.count(StoreState.Counter.HITS);
          return lease(repository, e, false);
        }
      } finally {
        state.lock.unlock();
      }
      CompletableFuture<EntryState> mine = new CompletableFuture<>();
      CompletableFuture<EntryState> flight = inFlight.putIfAbsent(key, mine);
      if (flight != null) {
        awaitLoad(flight);
        continue; // Lease the loaded entry (or load again if it is already gone).
      }
      try {
        EntryState e = load(repository, loader);
        mine.complete(e);
        return lease(repository, e, true);
      } catch (PizzaException | RuntimeException | Error ex) {
        mine.completeExceptionally(ex);
        throw ex;
      } finally {
        inFlight.remove(key, mine);
      }
    }
  }

  private Lease lease(RepositoryId repository, EntryState e, boolean loaded) {
    return new DiskLease(
        this, repository, e, state.repos.resolve(e.key()), loaded, e.metadata.attributes());
  }

  private static void awaitLoad(CompletableFuture<EntryState> flight) throws PizzaException {
    try {
      flight.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof PizzaException p) {
        throw p;
      } else if (cause instanceof RuntimeException r) {
        throw r;
      } else if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /**
   * Loads a missing entry and returns it with one lease, for the leader of a single flight. The
   * load's bytes count against the budgets while it writes (when the loader checks its {@link
   * LoadBudget}) and once it is measured; until it is moved into the index or fails.
   */
  private EntryState load(RepositoryId id, RepositoryLoader loader) throws PizzaException {
    String key = id.key();
    state.count(StoreState.Counter.MISSES);
    Path work = null;
    LoadReservation reservation = null;
    try {
      if (!state.makeRoomForLoad()) {
        throw state.exhausted(id, "before loading it", 0);
      }
      work = Files.createDirectory(state.newWorkDirectory(key));
      reservation = new LoadReservation(state, id, work);
      Map<String, String> attributes;
      loadPermits.acquireUninterruptibly();
      try {
        attributes = Map.copyOf(loader.load(work, reservation));
      } finally {
        loadPermits.release();
      }
      if (!FileOps.isCompleteBareRepository(work)) {
        throw new RepositoryStorageException(
            "the loader of " + id + " left no complete bare repository (HEAD, objects/, refs/)");
      }
      long bytes = FileOps.sizeOf(work);
      state.evictLock.lock();
      try {
        reservation.makeRoomFor(bytes, "to keep its " + bytes + " bytes");
        state.lock.lock();
        try {
          state.checkOpen();
          Path dir = state.repos.resolve(key);
          FileOps.moveAtomically(work, dir);
          work = dir; // Deleted below unless its metadata is written.
          MetadataFile m =
              new MetadataFile(
                  key,
                  RepositoryUrl.withoutCredentials(id.url()),
                  bytes,
                  clock.instant(),
                  state.nextSequence++,
                  attributes);
          state.writeMetadata(m);
          work = null;
          EntryState e = new EntryState(m, 1);
          reservation.end(); // Its bytes are the entry's now: counted once.
          state.index.addNewest(e);
          state.count(StoreState.Counter.CLONES);
          LOG.debug("loaded {} ({} bytes) as {}", id, bytes, key);
          return e;
        } finally {
          state.lock.unlock();
        }
      } finally {
        state.evictLock.unlock();
      }
    } catch (IOException e) {
      state.count(StoreState.Counter.FAILURES);
      throw new RepositoryStorageException("cannot store " + id + ": " + e, e);
    } catch (PizzaException | RuntimeException e) {
      state.count(StoreState.Counter.FAILURES);
      throw e;
    } finally {
      if (work != null) {
        deleteQuietly(work);
      }
      if (reservation != null) {
        endReservation(reservation);
      }
      state.logStats();
    }
  }

  private void endReservation(LoadReservation reservation) {
    state.lock.lock();
    try {
      reservation.end();
    } finally {
      state.lock.unlock();
    }
  }

  /**
   * Releases one lease of {@code e}: re-measures it and records the use, or deletes it if it was
   * invalidated and this was its last lease; then evicts as the budgets require. Never throws.
   */
  void release(EntryState e, Path dir, boolean invalidate) {
    long measured = -1;
    // Stamped before measuring: two holders of the entry may release at once, and the one that
    // measured first may record last. A measurement stamped later started after every write the
    // earlier stamp's holder made, so only a later stamp may replace a recorded size.
    long stamp = state.measurements.incrementAndGet();
    if (!invalidate) {
      try {
        measured = FileOps.sizeOf(dir); // still leased: nothing deletes it meanwhile
      } catch (IOException ex) {
        LOG.warn("cannot measure {}: {}", dir, ex.toString());
      }
    }
    state.evictLock.lock();
    try {
      Path trashed = null;
      state.lock.lock();
      try {
        e.leases--;
        e.doomed |= invalidate;
        if (state.closed) {
          return; // Another store may own the root now: record nothing.
        }
        if (e.doomed && e.leases == 0) {
          try {
            trashed = state.unlink(e);
          } catch (IOException ex) {
            e.doomed = false; // It stays an ordinary entry rather than block acquires forever.
            throw ex;
          } finally {
            state.deleted.signalAll();
          }
        } else if (!e.doomed) {
          long bytes = e.bytes();
          if (measured >= 0 && stamp > e.measuredAt) {
            bytes = measured;
            e.measuredAt = stamp;
          }
          MetadataFile m = e.metadata.used(bytes, clock.instant(), state.nextSequence++);
          state.index.touch(e, m);
          state.writeMetadata(m);
        }
      } finally {
        state.lock.unlock();
      }
      if (trashed != null) {
        FileOps.deleteTree(trashed);
      }
      if (!state.makeRoom()) {
        LOG.debug("over budget after releasing {}: {}", e.key(), state.explain(0));
      }
    } catch (IOException | RuntimeException ex) {
      LOG.warn("cannot record the release of {}: {}", e.key(), ex.toString());
    } finally {
      state.evictLock.unlock();
    }
  }

  void recordFetch() {
    state.count(StoreState.Counter.FETCHES);
  }

  private static void deleteQuietly(Path p) {
    try {
      FileOps.deleteTree(p);
    } catch (IOException e) {
      LOG.warn("cannot delete {} (the next open will): {}", p, e.toString());
    }
  }
}
