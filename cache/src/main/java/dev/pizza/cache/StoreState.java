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
   * Evicts least recently used entries that are neither pinned, leased nor invalidated until {@code
   * incoming} more bytes fit both budgets. Returns whether they fit: false when nothing evictable
   * is left. Does nothing once closed.
   */
  boolean makeRoom(long incoming) throws IOException {
    evictLock.lock();
    try {
      while (true) {
        Path trashed;
        String key;
        lock.lock();
        try {
          if (closed || fits(incoming)) {
            return true;
          }
          EntryState victim = index.oldestEvictable(pinned);
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

  /** Returns whether {@code incoming} more bytes fit both budgets. Holds {@link #lock}. */
  private boolean fits(long incoming) throws IOException {
    long max = maxBytes;
    if (max != Long.MAX_VALUE && index.bytes() + incoming > max) {
      return false;
    }
    long min = minFreeBytes;
    return min == 0 || freeSpace.bytesFree(root) >= min;
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

  StorageExhaustedException exhausted(RepositoryId id, String when) {
    return exhausted(id, when, 0);
  }

  /**
   * Says why {@code incoming} more bytes for {@code id} do not fit: more than the whole budget,
   * entries kept by pins or leases, or nothing left to evict under the free-space floor.
   */
  StorageExhaustedException exhausted(RepositoryId id, String when, long incoming) {
    long max = maxBytes;
    String why;
    if (max != Long.MAX_VALUE && incoming > max) {
      why = "it needs " + incoming + " bytes, more than the whole budget";
    } else {
      int kept = 0;
      long stored;
      lock.lock();
      try {
        stored = index.bytes();
        for (EntryState e : index.inOrder()) {
          if (e.leases > 0 || pinned.contains(e.key())) {
            kept++;
          }
        }
      } finally {
        lock.unlock();
      }
      why =
          kept > 0
              ? "every entry left is pinned or leased ("
                  + kept
                  + " entries, "
                  + stored
                  + " bytes stored)"
              : "nothing is left to evict ("
                  + stored
                  + " bytes stored, "
                  + incoming
                  + " bytes needed)";
    }
    return new StorageExhaustedException(
        "no room for "
            + id
            + " in repository store "
            + root
            + " "
            + when
            + ": "
            + why
            + " ("
            + budgets()
            + ")");
  }

  String budgets() {
    long max = maxBytes;
    return "max-bytes "
        + (max == Long.MAX_VALUE ? "none" : String.valueOf(max))
        + ", min-free-bytes "
        + minFreeBytes;
  }
}
