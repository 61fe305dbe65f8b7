package dev.pizza.cache;

import dev.pizza.PizzaException;
import dev.pizza.RepositoryId;
import dev.pizza.RepositoryStorageException;
import dev.pizza.StorageExhaustedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
 *   repos/KEY.meta        its metadata, see {@link EntryMetadata}: URL without credentials, bytes,
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
 * <p>Two optional budgets: {@code maxBytes}, the sum of the entries' measured sizes, and {@code
 * minFreeBytes}, the free space the file system must keep. Before a load, after the load is
 * measured, after a release, after an unpin, on open and when a budget changes, the store evicts
 * the least recently used entries that are neither pinned, leased nor invalidated until both
 * budgets hold. A load that cannot be made to fit fails with {@link StorageExhaustedException} and
 * its files are deleted. Other steps that cannot be made to fit leave the store over budget with
 * every remaining entry pinned or leased, and the next such step tries again. Eviction never spins:
 * each round deletes one entry or stops.
 *
 * <h2>Concurrency</h2>
 *
 * <p>The index is guarded by one lock held only for in-memory work, renames and metadata writes;
 * loads run outside it, at most {@code maxConcurrentLoads} at once. Concurrent acquires of one
 * missing key share one load (single flight: the first registers a future of the load in a map of
 * loads in flight, the others wait on it and share its entry or its failure). Evictions are serialized by a second lock, always taken before the index lock.
 */
public final class DiskRepoStore implements RepoStore {
  private static final Logger LOG = LoggerFactory.getLogger(DiskRepoStore.class);

  private final Path root;
  private final Path repos;
  private final Path tmp;
  private final Path trash;
  private final RootLock rootLock;
  private final FreeSpace freeSpace;
  private final Clock clock;
  private final Consumer<String> evictionListener;
  private final Semaphore loadPermits;
  private final ConcurrentHashMap<String, CompletableFuture<Entry>> inFlight =
      new ConcurrentHashMap<>();
  private final Set<String> pinned = ConcurrentHashMap.newKeySet();
  private final ReentrantLock evictLock = new ReentrantLock();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition deleted = lock.newCondition();
  private final AtomicLong workNames = new AtomicLong();
  private final LruIndex index = new LruIndex();
  private volatile long maxBytes;
  private volatile long minFreeBytes;
  // Guarded by lock.
  private long nextSequence;
  private final long[] counts = new long[Counter.values().length];
  private boolean closed;

  private enum Counter {
    HITS,
    MISSES,
    EVICTIONS,
    CLONES,
    FETCHES,
    FAILURES
  }

  private DiskRepoStore(Builder b, Path root, RootLock rootLock, List<EntryMetadata> adopted) {
    this.root = root;
    this.repos = root.resolve("repos");
    this.tmp = root.resolve("tmp");
    this.trash = root.resolve("trash");
    this.rootLock = rootLock;
    this.freeSpace = b.freeSpace;
    this.clock = b.clock;
    this.evictionListener = b.evictionListener;
    this.loadPermits = new Semaphore(b.maxConcurrentLoads, true);
    this.maxBytes = b.maxBytes;
    this.minFreeBytes = b.minFreeBytes;
    b.pinned.forEach(id -> pinned.add(checkKey(id)));
    long sequence = 0;
    for (EntryMetadata m : adopted) {
      index.addNewest(new Entry(m, 0));
      sequence = m.sequence() + 1;
    }
    this.nextSequence = sequence;
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
    String key = checkKey(repository);
    while (true) {
      lock.lock();
      try {
        checkOpen();
        Entry e = index.get(key);
        if (e != null && e.doomed) {
          deleted.awaitUninterruptibly();
          continue;
        }
        if (e != null) {
          e.leases++;
          counts[Counter.HITS.ordinal()]++;
          return new StoreLease(
              this, repository, e, repos.resolve(key), false, e.metadata.attributes());
        }
      } finally {
        lock.unlock();
      }
      CompletableFuture<Entry> mine = new CompletableFuture<>();
      CompletableFuture<Entry> flight = inFlight.putIfAbsent(key, mine);
      if (flight != null) {
        awaitLoad(flight);
        continue; // Lease the loaded entry (or load again if it is already gone).
      }
      try {
        Entry e = load(repository, loader);
        mine.complete(e);
        return new StoreLease(
            this, repository, e, repos.resolve(key), true, e.metadata.attributes());
      } catch (PizzaException | RuntimeException | Error ex) {
        mine.completeExceptionally(ex);
        throw ex;
      } finally {
        inFlight.remove(key, mine);
      }
    }
  }

  private static void awaitLoad(CompletableFuture<Entry> flight) throws PizzaException {
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

  /** Loads a missing entry and returns it with one lease, for the leader of a single flight. */
  private Entry load(RepositoryId id, RepositoryLoader loader) throws PizzaException {
    String key = id.key();
    count(Counter.MISSES);
    Path work = null;
    try {
      if (!makeRoom(0)) {
        throw exhausted(id, "before loading it");
      }
      work = Files.createDirectory(tmp.resolve(key + "." + workNames.incrementAndGet()));
      Map<String, String> attributes;
      loadPermits.acquireUninterruptibly();
      try {
        attributes = Map.copyOf(loader.load(work));
      } finally {
        loadPermits.release();
      }
      if (!FileOps.isCompleteBareRepository(work)) {
        throw new RepositoryStorageException(
            "the loader of " + id + " left no complete bare repository (HEAD, objects/, refs/)");
      }
      long bytes = FileOps.sizeOf(work);
      evictLock.lock();
      try {
        if (!makeRoom(bytes)) {
          throw exhausted(id, "to keep its " + bytes + " bytes");
        }
        lock.lock();
        try {
          checkOpen();
          Path dir = repos.resolve(key);
          FileOps.moveAtomically(work, dir);
          work = dir; // Deleted below unless its metadata is written.
          EntryMetadata m =
              new EntryMetadata(
                  key, withoutCredentials(id.url()), bytes, clock.instant(), nextSequence++,
                  attributes);
          writeMetadata(m);
          work = null;
          Entry e = new Entry(m, 1);
          index.addNewest(e);
          counts[Counter.CLONES.ordinal()]++;
          LOG.debug("loaded {} ({} bytes) as {}", id, bytes, key);
          return e;
        } finally {
          lock.unlock();
        }
      } finally {
        evictLock.unlock();
      }
    } catch (IOException e) {
      count(Counter.FAILURES);
      throw new RepositoryStorageException("cannot store " + id + ": " + e, e);
    } catch (PizzaException | RuntimeException e) {
      count(Counter.FAILURES);
      throw e;
    } finally {
      if (work != null) {
        deleteQuietly(work);
      }
      logStats();
    }
  }

  /** Releases one lease of {@code e}: records the use, re-measures, deletes or evicts as due. */
  void release(Entry e, Path dir, boolean invalidate) {
    long measured = -1;
    if (!invalidate) {
      try {
        measured = FileOps.sizeOf(dir);
      } catch (IOException ex) {
        LOG.warn("cannot measure {}: {}", dir, ex.toString());
      }
    }
    evictLock.lock();
    try {
      Path trashed = null;
      lock.lock();
      try {
        e.leases--;
        e.doomed |= invalidate;
        if (closed) {
          return; // Another store may own the root now: record nothing.
        }
        if (e.doomed && e.leases == 0) {
          try {
            trashed = unlink(e);
          } catch (IOException ex) {
            e.doomed = false; // It stays an ordinary entry rather than block acquires forever.
            throw ex;
          } finally {
            deleted.signalAll();
          }
        } else if (!e.doomed) {
          long bytes = measured >= 0 ? measured : e.bytes();
          EntryMetadata m = e.metadata.used(bytes, clock.instant(), nextSequence++);
          index.touch(e, m);
          writeMetadata(m);
        }
      } finally {
        lock.unlock();
      }
      if (trashed != null) {
        FileOps.deleteTree(trashed);
      }
      if (!makeRoom(0)) {
        LOG.debug("over budget after releasing {}: every entry left is pinned or leased", e.key());
      }
    } catch (IOException | RuntimeException ex) {
      LOG.warn("cannot record the release of {}: {}", e.key(), ex.toString());
    } finally {
      evictLock.unlock();
    }
  }

  /**
   * Evicts least recently used evictable entries until {@code incoming} more bytes fit both
   * budgets. Returns whether they fit; false when nothing evictable is left.
   */
  private boolean makeRoom(long incoming) throws IOException {
    evictLock.lock();
    try {
      boolean evicted = false;
      while (true) {
        Path trashed;
        String key;
        lock.lock();
        try {
          if (closed || fits(incoming)) {
            return true;
          }
          Entry victim = index.oldestEvictable(pinned);
          if (victim == null) {
            return false;
          }
          key = victim.key();
          trashed = unlink(victim);
          counts[Counter.EVICTIONS.ordinal()]++;
        } finally {
          lock.unlock();
          if (evicted) {
            logStats();
          }
        }
        evicted = true;
        LOG.debug("evicted {}", key);
        evictionListener.accept(key);
        FileOps.deleteTree(trashed);
      }
    } finally {
      evictLock.unlock();
    }
  }

  private boolean fits(long incoming) throws IOException {
    long max = maxBytes;
    if (max != Long.MAX_VALUE && index.bytes() + incoming > max) {
      return false;
    }
    long min = minFreeBytes;
    return min == 0 || freeSpace.bytesFree(root) >= min;
  }

  /** Moves {@code e}'s repository into trash and deletes its metadata; returns the trash path. */
  private Path unlink(Entry e) throws IOException {
    Path target = trash.resolve(e.key() + "." + workNames.incrementAndGet());
    FileOps.moveAtomically(repos.resolve(e.key()), target);
    index.remove(e);
    Files.deleteIfExists(metadataFile(e.key()));
    FileOps.fsyncDirectory(repos);
    return target;
  }

  private void writeMetadata(EntryMetadata m) throws IOException {
    FileOps.writeAtomically(metadataFile(m.key()), tmp, m.encode());
  }

  private Path metadataFile(String key) {
    return repos.resolve(key + Recovery.META_SUFFIX);
  }

  @Override
  public void pin(RepositoryId repository) {
    pinned.add(checkKey(repository));
  }

  /** {@inheritDoc} Then evicts as the budgets require. */
  @Override
  public void unpin(RepositoryId repository) {
    pinned.remove(checkKey(repository));
    try {
      makeRoom(0);
    } catch (IOException e) {
      LOG.warn("cannot evict after unpinning {}: {}", repository, e.toString());
    }
  }

  @Override
  public Set<String> pinnedKeys() {
    return Set.copyOf(pinned);
  }

  /**
   * Sets the byte budget and evicts at once as it requires. The budget is set even if it throws.
   *
   * @param bytes the most bytes the entries may take, positive; {@link Long#MAX_VALUE} for none
   * @throws StorageExhaustedException if every evictable entry was evicted and it still does not
   *     hold
   * @throws RepositoryStorageException if an eviction fails on disk
   */
  public void setMaxBytes(long bytes) throws StorageExhaustedException, RepositoryStorageException {
    this.maxBytes = Builder.checkMaxBytes(bytes);
    enforce("max-bytes " + bytes);
  }

  /**
   * Sets the free-space floor and evicts at once as it requires. The floor is set even if it throws.
   *
   * @param bytes the free bytes the file system must keep, 0 for no floor
   * @throws StorageExhaustedException if every evictable entry was evicted and it still does not
   *     hold
   * @throws RepositoryStorageException if an eviction fails on disk
   */
  public void setMinFreeBytes(long bytes)
      throws StorageExhaustedException, RepositoryStorageException {
    this.minFreeBytes = Builder.checkMinFreeBytes(bytes);
    enforce("min-free-bytes " + bytes);
  }

  /** Returns the byte budget, empty if there is none. */
  public OptionalLong maxBytes() {
    long max = maxBytes;
    return max == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(max);
  }

  /** Returns the free-space floor; 0 if there is none. */
  public long minFreeBytes() {
    return minFreeBytes;
  }

  /** Returns the store's root directory (absolute). */
  public Path root() {
    return root;
  }

  private void enforce(String budget) throws StorageExhaustedException, RepositoryStorageException {
    boolean fits;
    try {
      fits = makeRoom(0);
    } catch (IOException e) {
      throw new RepositoryStorageException("cannot evict from " + root + ": " + e, e);
    }
    if (!fits) {
      throw new StorageExhaustedException(
          "repository store " + root + " cannot meet " + budget
              + ": every entry left is pinned or leased");
    }
  }

  @Override
  public List<StoreEntry> entries() {
    lock.lock();
    try {
      List<StoreEntry> out = new ArrayList<>(index.size());
      for (Entry e : index.inOrder()) {
        EntryMetadata m = e.metadata;
        out.add(
            new StoreEntry(
                m.key(), m.url(), repos.resolve(m.key()), m.bytes(), m.lastUse(),
                pinned.contains(m.key()), e.leases, m.attributes()));
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public StoreStats stats() {
    lock.lock();
    try {
      return new StoreStats(
          index.size(), index.bytes(), counts[Counter.HITS.ordinal()],
          counts[Counter.MISSES.ordinal()], counts[Counter.EVICTIONS.ordinal()],
          counts[Counter.CLONES.ordinal()], counts[Counter.FETCHES.ordinal()],
          counts[Counter.FAILURES.ordinal()]);
    } finally {
      lock.unlock();
    }
  }

  void recordFetch() {
    count(Counter.FETCHES);
  }

  /**
   * {@inheritDoc} Loads still running fail with {@link IllegalStateException} and leave nothing
   * behind; releases after this record nothing.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      deleted.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      rootLock.close();
    } catch (IOException e) {
      LOG.warn("cannot release the lock on {}: {}", root, e.toString());
    }
    logStats();
  }

  private void count(Counter c) {
    lock.lock();
    try {
      counts[c.ordinal()]++;
    } finally {
      lock.unlock();
    }
  }

  private void logStats() {
    if (LOG.isDebugEnabled()) {
      LOG.debug("repository store {}: {}", root, stats());
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("repository store " + root + " is closed");
    }
  }

  private StorageExhaustedException exhausted(RepositoryId id, String when) {
    return new StorageExhaustedException(
        "no room for " + id + " in repository store " + root + " " + when
            + ": every entry left is pinned or leased (" + budgets() + ")");
  }

  private String budgets() {
    long max = maxBytes;
    return "max-bytes " + (max == Long.MAX_VALUE ? "none" : String.valueOf(max))
        + ", min-free-bytes " + minFreeBytes;
  }

  static String checkKey(RepositoryId id) {
    String key = id.key();
    if (!Recovery.KEY.matcher(key).matches()) {
      String shown = key.length() > 60 ? key.substring(0, 60) + "..." : key;
      throw new IllegalArgumentException(
          "repository key must be 40 lowercase hex digits (RepositoryUrl.parse(url).id()), not '"
              + shown + "'");
    }
    return key;
  }

  static String withoutCredentials(String url) {
    return url.replaceAll("(?<=://)[^@/]*@", "");
  }

  private static void deleteQuietly(Path p) {
    try {
      FileOps.deleteTree(p);
    } catch (IOException e) {
      LOG.warn("cannot delete {} (the next open will): {}", p, e.toString());
    }
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
        List<EntryMetadata> adopted = new Recovery(repos, tmp, trash).recover();
        store = new DiskRepoStore(this, dir, lock, adopted);
        if (!store.makeRoom(0)) {
          LOG.warn("repository store {} opened over budget: every entry is pinned", dir);
        }
      } catch (IOException | RuntimeException e) {
        lock.close();
        throw e;
      }
      store.logStats();
      return store;
    }
  }
}
