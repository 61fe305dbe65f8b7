package dev.pizza.cache;

import dev.pizza.RepositoryId;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.RepositoryStorageException;
import dev.pizza.errors.StorageExhaustedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RepoStore} in one directory: a crash-safe, strictly least-recently-used disk cache of
 * bare repositories with pins, leases and two budgets.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * root/
 *   LOCK                  an OS file lock: one store per root, released by the OS if the process dies
 *   repos/KEY/            a complete bare repository (HEAD, objects/, refs/, ...)
 *   repos/KEY.meta        its metadata, see {@link MetadataFile}: URL without credentials, bytes,
 *                         last use, LRU sequence, the loader's attributes
 *   tmp/KEY.N/            a load in progress; metadata files being written
 *   trash/KEY.N/          an entry being deleted
 * </pre>
 *
 * <p>KEY is {@link RepositoryId#key()}: 40 lowercase hex digits of a hash of the normalized URL.
 * URL text never names a file, and the store refuses any other key.
 *
 * <h2>Protocol</h2>
 *
 * <ul>
 *   <li>Load: the loader fills {@code tmp/KEY.N/}; the store checks it is a complete bare
 *       repository, measures it, makes room, renames it to {@code repos/KEY/}, then writes {@code
 *       repos/KEY.meta}. The metadata file is the commit point: an entry exists only once it does.
 *   <li>Metadata writes: temp file in {@code tmp/}, fsync, rename over the old file, fsync {@code
 *       repos/}.
 *   <li>Delete (evict, invalidate): rename {@code repos/KEY/} into {@code trash/}, delete {@code
 *       repos/KEY.meta}, then delete the trash.
 * </ul>
 *
 * <h2>Crash states, and what opening the store does with them</h2>
 *
 * <ul>
 *   <li>anything in {@code tmp/} (a half-done load or metadata write): deleted;
 *   <li>anything in {@code trash/} (a half-done delete): deleted;
 *   <li>{@code repos/KEY/} without {@code KEY.meta} (crash between rename and metadata): removed;
 *   <li>{@code KEY.meta} without {@code repos/KEY/} (crash mid-delete): removed;
 *   <li>metadata that is truncated, unparseable or for another key: the entry is removed;
 *   <li>a repository without HEAD, {@code objects/} or {@code refs/}: the entry is removed;
 *   <li>any other file in {@code repos/}: removed;
 *   <li>every other entry is adopted, re-measured, in the previous run's LRU order; then the
 *       budgets are enforced.
 * </ul>
 *
 * <h2>Budgets and eviction</h2>
 *
 * <p>Two optional budgets: {@code maxBytes}, the sum of the entries' measured sizes plus the bytes
 * that loads in progress have written so far, and {@code minFreeBytes}, the free space the file
 * system must keep. Before a load, while it writes (each time the loader calls {@link
 * LoadBudget#check()}), after it is measured, after a release, after an unpin, on open and when a
 * budget changes, the store evicts the least recently used entries that are neither pinned, leased
 * nor invalidated, as far as the budgets require.
 *
 * <p>It never evicts for a budget that eviction cannot meet ({@link Budgets}): when the entries
 * that must stay already break {@code maxBytes}, or when the free space plus every evictable
 * entry's bytes is below {@code minFreeBytes} (a floor typed as 500G for 500M), nothing is evicted
 * for it. A load evicts nothing unless both budgets can then hold; one that cannot be made to fit
 * fails with a {@link StorageExhaustedException} that names the budget, what eviction could free
 * and what to do, and its files are deleted. Other steps that cannot meet a budget leave the store
 * over it, and the next such step tries again. Eviction never spins: each round deletes one entry
 * or stops.
 *
 * <h2>Concurrency</h2>
 *
 * <p>The index is guarded by one lock held only for in-memory work, renames and metadata writes;
 * loads run outside it, at most {@code maxConcurrentLoads} at once. Concurrent acquires of one
 * missing key share one load: the others wait for it and share its entry or its failure. Evictions
 * are serialized by a second lock, always taken before the index lock. The engine is in {@link
 * StoreEngine} (acquire, load, release) and {@link StoreState} (index, budgets, eviction); {@link
 * Recovery} runs on open.
 */
public final class DiskRepoStore implements RepoStore {
  private static final Logger LOG = LoggerFactory.getLogger(DiskRepoStore.class);

  private final RootLock rootLock;
  private final StoreState state;
  private final StoreEngine engine;

  private DiskRepoStore(Builder b, Path root, RootLock rootLock, List<MetadataFile> adopted) {
    this.rootLock = rootLock;
    this.state =
        new StoreState(root, b.freeSpace, b.evictionListener, b.maxBytes, b.minFreeBytes, adopted);
    this.engine = new StoreEngine(state, b.clock, b.maxConcurrentLoads);
    b.pinned.forEach(id -> state.pinned.add(checkKey(id)));
  }

  /** Returns a builder; {@link Builder#root} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Blocks while another acquire loads the same key, and while an invalidated entry of the key
   * is still leased (close such a lease before acquiring the repository again on the same thread).
   *
   * @throws IllegalArgumentException if the key is not 40 lowercase hex digits
   * @throws IllegalStateException if the store is closed
   */
  @Override
  public Lease acquire(RepositoryId repository, RepositoryLoader loader) throws PizzaException {
    return engine.acquire(repository, checkKey(repository), Objects.requireNonNull(loader));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the key is not 40 lowercase hex digits
   */
  @Override
  public void pin(RepositoryId repository) {
    state.pinned.add(checkKey(repository));
  }

  /** {@inheritDoc} Then evicts as the budgets require. */
  @Override
  public void unpin(RepositoryId repository) {
    state.pinned.remove(checkKey(repository));
    try {
      state.makeRoom();
    } catch (IOException e) {
      LOG.warn("cannot evict after unpinning {}: {}", repository, e.toString());
    }
  }

  @Override
  public Set<String> pinnedKeys() {
    return Set.copyOf(state.pinned);
  }

  /**
   * Sets the byte budget and evicts at once as it requires. The budget is set even if it throws.
   *
   * @param bytes the most bytes the entries may take, positive; {@link Long#MAX_VALUE} for none
   * @throws StorageExhaustedException if eviction cannot make it hold (then nothing was evicted for
   *     it)
   * @throws RepositoryStorageException if an eviction fails on disk
   */
  public void setMaxBytes(long bytes) throws StorageExhaustedException, RepositoryStorageException {
    state.maxBytes = Builder.checkMaxBytes(bytes);
    enforce("max-bytes " + bytes);
  }

  /**
   * Sets the free-space floor and evicts at once as it requires. The floor is set even if it
   * throws.
   *
   * @param bytes the free bytes the file system must keep, 0 for no floor
   * @throws StorageExhaustedException if eviction cannot make it hold (then nothing was evicted for
   *     it)
   * @throws RepositoryStorageException if an eviction fails on disk
   */
  public void setMinFreeBytes(long bytes)
      throws StorageExhaustedException, RepositoryStorageException {
    state.minFreeBytes = Builder.checkMinFreeBytes(bytes);
    enforce("min-free-bytes " + bytes);
  }

  private void enforce(String budget) throws StorageExhaustedException, RepositoryStorageException {
    boolean fits;
    try {
      fits = state.makeRoom();
    } catch (IOException e) {
      throw new RepositoryStorageException("cannot evict from " + state.root + ": " + e, e);
    }
    if (!fits) {
      throw new StorageExhaustedException(
          "repository store " + state.root + " cannot meet " + budget + ": " + state.explain(0));
    }
  }

  /** Returns the byte budget, empty if there is none. */
  public OptionalLong maxBytes() {
    long max = state.maxBytes;
    return max == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(max);
  }

  /** Returns the free-space floor; 0 if there is none. */
  public long minFreeBytes() {
    return state.minFreeBytes;
  }

  /** Returns the store's root directory (absolute). */
  public Path root() {
    return state.root;
  }

  @Override
  public List<EntrySnapshot> entries() {
    return state.entries();
  }

  @Override
  public StoreStats stats() {
    return state.stats();
  }

  /**
   * {@inheritDoc} Loads still running fail with {@link IllegalStateException} and leave nothing
   * behind; releases after this record nothing. Closing again does nothing.
   */
  @Override
  public void close() {
    state.lock.lock();
    try {
      if (state.closed) {
        return;
      }
      state.closed = true;
      state.deleted.signalAll();
    } finally {
      state.lock.unlock();
    }
    try {
      rootLock.close();
    } catch (IOException e) {
      LOG.warn("cannot release the lock on {}: {}", state.root, e.toString());
    }
    state.logStats();
  }

  /** Returns the key of {@code id}, refusing any that is not 40 lowercase hex digits. */
  static String checkKey(RepositoryId id) {
    String key = id.key();
    if (!RepositoryId.isValidKey(key)) {
      String shown = key.length() > 60 ? key.substring(0, 60) + "..." : key;
      throw new IllegalArgumentException(
          "repository key must be 40 lowercase hex digits (RepositoryUrl.parse(url).id()), not '"
              + shown
              + "'");
    }
    return key;
  }

  /** Configures and opens a {@link DiskRepoStore}. Not thread safe. */
  public static final class Builder {
    private @Nullable Path root;
    private final Set<RepositoryId> pinned = new HashSet<>();
    private long maxBytes = Long.MAX_VALUE;
    private long minFreeBytes;
    private int maxConcurrentLoads = 2;
    private FreeSpace freeSpace = FreeSpace.fileSystem();
    private Clock clock = Clock.systemUTC();
    private Consumer<String> evictionListener = key -> {};

    private Builder() {}

    /** Sets the directory that holds the store (required); created if missing. */
    public Builder root(Path root) {
      this.root = Objects.requireNonNull(root);
      return this;
    }

    /** Adds repositories that are never evicted (loaded on first use if missing). */
    public Builder pinned(Iterable<RepositoryId> repositories) {
      repositories.forEach(r -> pinned.add(Objects.requireNonNull(r)));
      return this;
    }

    /** Sets the most bytes the entries may take in all (positive); default: no limit. */
    public Builder maxBytes(long bytes) {
      this.maxBytes = checkMaxBytes(bytes);
      return this;
    }

    /** Sets the free space the file system must keep (0 or more); default 0, no floor. */
    public Builder minFreeBytes(long bytes) {
      this.minFreeBytes = checkMinFreeBytes(bytes);
      return this;
    }

    /** Sets how many loads (clones) may run at once (1 or more); default 2. */
    public Builder maxConcurrentLoads(int loads) {
      if (loads < 1) {
        throw new IllegalArgumentException("maxConcurrentLoads must be at least 1, not " + loads);
      }
      this.maxConcurrentLoads = loads;
      return this;
    }

    /** Replaces the free-space reading (tests simulate a file system with it). */
    Builder freeSpace(FreeSpace freeSpace) {
      this.freeSpace = Objects.requireNonNull(freeSpace);
      return this;
    }

    /** Replaces the clock that stamps last use. */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Calls {@code listener} with each evicted key, in order, after it is unlinked. */
    Builder evictionListener(Consumer<String> listener) {
      this.evictionListener = Objects.requireNonNull(listener);
      return this;
    }

    static long checkMaxBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxBytes must be positive, not " + bytes);
      }
      return bytes;
    }

    static long checkMinFreeBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("minFreeBytes must not be negative, not " + bytes);
      }
      return bytes;
    }

    /**
     * Opens the store: takes the root's lock, recovers from any crash (see {@link DiskRepoStore}),
     * adopts the complete entries and enforces the budgets.
     *
     * @throws IllegalStateException if no root was set, or another store has the root open
     * @throws IllegalArgumentException if a pinned repository's key is not 40 lowercase hex digits
     * @throws IOException if the root cannot be created, locked or read
     */
    public DiskRepoStore build() throws IOException {
      if (root == null) {
        throw new IllegalStateException("root is required");
      }
      pinned.forEach(DiskRepoStore::checkKey);
      Path dir = Files.createDirectories(root.toAbsolutePath().normalize());
      RootLock lock = RootLock.acquire(dir);
      DiskRepoStore store;
      try {
        Path repos = Files.createDirectories(dir.resolve("repos"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path trash = Files.createDirectories(dir.resolve("trash"));
        List<MetadataFile> adopted = new Recovery(repos, tmp, trash).recover();
        store = new DiskRepoStore(this, dir, lock, adopted);
        if (!store.state.makeRoom()) {
          LOG.warn("repository store {} opened over budget: {}", dir, store.state.explain(0));
        }
      } catch (IOException | RuntimeException e) {
        lock.close();
        throw e;
      }
      store.state.logStats();
      return store;
    }
  }
}
