package dev.pizza.cache;

import dev.pizza.RepositoryId;
import dev.pizza.errors.StorageExhaustedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entries of a {@link DiskRepoStore}, its pins, budgets and counters, and eviction.
 *
 * <p>Invariants: {@link #lock} guards {@link #index}, the counters, {@link #nextSequence}, {@link
 * #closed} and every {@link EntryState}; an entry is in the index exactly while {@code repos/KEY/}
 * and its metadata exist (removal renames the directory into trash before unindexing it). {@link
 * #evictLock} serializes evictions and is always taken before {@link #lock}, never while holding
 * it. Eviction deletes one entry per round and stops when nothing is evictable: it never spins.
 */
final class StoreState {
  private static final Logger LOG = LoggerFactory.getLogger(DiskRepoStore.class);

  enum Counter {
    HITS,
    MISSES,
    EVICTIONS,
    CLONES,
    FETCHES,
    FAILURES
  }

  final Path root;
  final Path repos;
  final Path tmp;
  final Path trash;
  final Set<String> pinned = ConcurrentHashMap.newKeySet();
  final ReentrantLock evictLock = new ReentrantLock();
  final ReentrantLock lock = new ReentrantLock();

  /** Signalled when an invalidated entry is deleted, and on close. */
  final Condition deleted = lock.newCondition();

  final LruIndex index = new LruIndex();
  private final FreeSpace freeSpace;
  private final Consumer<String> evictionListener;
  private final AtomicLong workNames = new AtomicLong();
  private final long[] counts = new long[Counter.values().length];
  volatile long maxBytes;
  volatile long minFreeBytes;
  long nextSequence;
  boolean closed;

  /** The bytes written so far by loads in progress, counted against the budgets. */
  long loadingBytes;

  /** Orders the measurements of entries, so that an older one never replaces a newer. */
  final AtomicLong measurements = new AtomicLong();

  StoreState(
      Path root,
      FreeSpace freeSpace,
      Consumer<String> evictionListener,
      long maxBytes,
      long minFreeBytes,
      List<MetadataFile> adopted) {
    this.root = root;
    this.repos = root.resolve("repos");
    this.tmp = root.resolve("tmp");
    this.trash = root.resolve("trash");
    this.freeSpace = freeSpace;
    this.evictionListener = evictionListener;
    this.maxBytes = maxBytes;
    this.minFreeBytes = minFreeBytes;
    for (MetadataFile m : adopted) {
      index.addNewest(new EntryState(m, 0));
      nextSequence = m.sequence() + 1;
    }
  }

  /**
   * Evicts least recently used entries that are neither pinned, leased nor invalidated while a
   * budget is broken and eviction can meet it ({@link Budgets}). Returns whether both budgets hold.
   * Does nothing once closed.
   */
  boolean makeRoom() throws IOException {
    return makeRoom(false);
  }

  /**
   * Makes room for the loads in progress (their bytes are in {@link #loadingBytes}): evicts only if
   * eviction can then meet both budgets, so a load that cannot fit evicts nothing. Returns whether
   * both budgets hold. Does nothing once closed.
   */
  boolean makeRoomForLoad() throws IOException {
    return makeRoom(true);
  }

  private boolean makeRoom(boolean forLoad) throws IOException {
    evictLock.lock();
    try {
      while (true) {
        Path trashed;
        String key;
        lock.lock();
        try {
          if (closed) {
            return true;
          }
          Budgets now = budgets();
          if (now.hold()) {
            return true;
          }
          EntryState victim = now.worthEvicting(forLoad) ? index.oldestEvictable(pinned) : null;
          if (victim == null) {
            return false;
          }
          key = victim.key();
          trashed = unlink(victim);
          counts[Counter.EVICTIONS.ordinal()]++;
        } finally {
          lock.unlock();
        }
        LOG.debug("evicted {}", key);
        evictionListener.accept(key);
        FileOps.deleteTree(trashed);
        logStats();
      }
    } finally {
      evictLock.unlock();
    }
  }

  /**
   * Returns the budgets against the entries and loads now; reads the free space only if there is a
   * floor. Holds {@link #lock}.
   */
  Budgets budgets() throws IOException {
    long evictable = 0;
    int kept = 0;
    for (EntryState e : index.inOrder()) {
      if (LruIndex.isEvictable(e, pinned)) {
        evictable += e.bytes();
      } else {
        kept++;
      }
    }
    long min = minFreeBytes;
    long free = min == 0 ? 0 : freeSpace.bytesFree(root);
    return new Budgets(index.bytes(), loadingBytes, evictable, kept, maxBytes, free, min);
  }

  /**
   * Moves {@code e}'s repository into trash, unindexes it and deletes its metadata; returns the
   * trash path for the caller to delete outside the lock. Holds {@link #lock}.
   */
  Path unlink(EntryState e) throws IOException {
    Path target = trash.resolve(e.key() + "." + workNames.incrementAndGet());
    FileOps.moveAtomically(repos.resolve(e.key()), target);
    index.remove(e);
    Files.deleteIfExists(metadataFile(e.key()));
    FileOps.fsyncDirectory(repos);
    return target;
  }

  /** Returns a fresh directory name in {@code tmp/} for a load of {@code key}. */
  Path newWorkDirectory(String key) {
    return tmp.resolve(key + "." + workNames.incrementAndGet());
  }

  /** Writes {@code m} atomically as its entry's metadata file. */
  void writeMetadata(MetadataFile m) throws IOException {
    FileOps.writeAtomically(metadataFile(m.key()), tmp, m.encode());
  }

  private Path metadataFile(String key) {
    return repos.resolve(key + Recovery.META_SUFFIX);
  }

  /** Counts {@code c}; holds {@link #lock} or takes it. */
  void count(Counter c) {
    lock.lock();
    try {
      counts[c.ordinal()]++;
    } finally {
      lock.unlock();
    }
  }

  List<EntrySnapshot> entries() {
    lock.lock();
    try {
      List<EntrySnapshot> out = new ArrayList<>(index.size());
      for (EntryState e : index.inOrder()) {
        MetadataFile m = e.metadata;
        out.add(
            new EntrySnapshot(
                m.key(),
                m.url(),
                repos.resolve(m.key()),
                m.bytes(),
                m.lastUse(),
                pinned.contains(m.key()),
                e.leases,
                m.attributes()));
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  StoreStats stats() {
    lock.lock();
    try {
      return new StoreStats(
          index.size(),
          index.bytes(),
          counts[Counter.HITS.ordinal()],
          counts[Counter.MISSES.ordinal()],
          counts[Counter.EVICTIONS.ordinal()],
          counts[Counter.CLONES.ordinal()],
          counts[Counter.FETCHES.ordinal()],
          counts[Counter.FAILURES.ordinal()]);
    } finally {
      lock.unlock();
    }
  }

  void logStats() {
    if (LOG.isDebugEnabled()) {
      LOG.debug("repository store {}: {}", root, stats());
    }
  }

  /** Throws if closed. Holds {@link #lock}. */
  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("repository store " + root + " is closed");
    }
  }

  /**
   * Says why a load of {@code id} that has written {@code incoming} bytes (0 before it starts) does
   * not fit: which budget, against what, and what to do.
   */
  StorageExhaustedException exhausted(RepositoryId id, String when, long incoming) {
    return new StorageExhaustedException(
        "no room for "
            + id
            + " in repository store "
            + root
            + " "
            + when
            + ": "
            + explain(incoming)
            + " ("
            + budgetsText()
            + ")");
  }

  /** Says why the budgets do not hold, for a load that has written {@code incoming} bytes. */
  String explain(long incoming) {
    lock.lock();
    try {
      return budgets().explain(incoming, root);
    } catch (IOException e) {
      return "cannot read the free space of " + root + " (" + e + ")";
    } finally {
      lock.unlock();
    }
  }

  String budgetsText() {
    long max = maxBytes;
    return "max-bytes "
        + (max == Long.MAX_VALUE ? "none" : String.valueOf(max))
        + ", min-free-bytes "
        + minFreeBytes;
  }
}
