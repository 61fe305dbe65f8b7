package dev.pizza.cache;

import dev.pizza.PizzaException;
import dev.pizza.RepositoryId;
import dev.pizza.RepositoryStorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RepoStore} in a directory: one bare repository per key under {@code repos/}, loaded
 * into {@code tmp/} and renamed into place when complete. This first version keeps every entry (no
 * budgets); the full disk LRU replaces it.
 */
public final class DiskRepoStore implements RepoStore {
  private final Path repos;
  private final Path tmp;
  private final Set<String> pinned = ConcurrentHashMap.newKeySet();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Map<String, Integer> leases = new ConcurrentHashMap<>();
  private long hits;
  private long misses;
  private long clones;
  private long fetches;
  private long failures;

  private DiskRepoStore(Builder b, Path root) throws IOException {
    this.repos = Files.createDirectories(root.resolve("repos"));
    this.tmp = Files.createDirectories(root.resolve("tmp"));
    deleteTree(tmp);
    Files.createDirectories(tmp);
    b.pinned.forEach(r -> pinned.add(r.key()));
  }

  /** Returns a builder; {@link Builder#root} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Lease acquire(RepositoryId repository, RepositoryLoader loader) throws PizzaException {
    String key = repository.key();
    Object lock = locks.computeIfAbsent(key, k -> new Object());
    synchronized (lock) {
      Path dir = repos.resolve(key);
      boolean loaded = false;
      if (Files.isDirectory(dir)) {
        count(true, false, false);
      } else {
        count(false, false, false);
        Path work = tmp.resolve(key + "-" + System.nanoTime());
        try {
          Files.createDirectories(work);
          loader.load(work);
          Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
          loaded = true;
          count(false, true, false);
        } catch (IOException e) {
          count(false, false, true);
          deleteQuietly(work);
          throw new RepositoryStorageException("cannot store " + repository + ": " + e, e);
        } catch (PizzaException | RuntimeException e) {
          count(false, false, true);
          deleteQuietly(work);
          throw e;
        }
      }
      leases.merge(key, 1, Integer::sum);
      return new SimpleLease(repository, dir, loaded);
    }
  }

  private synchronized void count(boolean hit, boolean clone, boolean failure) {
    if (hit) {
      hits++;
    } else if (clone) {
      clones++;
    } else if (failure) {
      failures++;
    } else {
      misses++;
    }
  }

  @Override
  public void pin(RepositoryId repository) {
    pinned.add(repository.key());
  }

  @Override
  public void unpin(RepositoryId repository) {
    pinned.remove(repository.key());
  }

  @Override
  public Set<String> pinnedKeys() {
    return Set.copyOf(pinned);
  }

  @Override
  public List<StoreEntry> entries() {
    List<StoreEntry> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(repos)) {
      for (Path p : s.sorted().toList()) {
        String key = p.getFileName().toString();
        out.add(
            new StoreEntry(
                key, "", p, 0, Files.getLastModifiedTime(p).toInstant(), pinned.contains(key),
                leases.getOrDefault(key, 0), Map.of()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(Comparator.comparing(StoreEntry::lastUse, Comparator.<Instant>naturalOrder()));
    return out;
  }

  @Override
  public synchronized StoreStats stats() {
    return new StoreStats(entries().size(), 0, hits, misses, 0, clones, fetches, failures);
  }

  @Override
  public void close() {}

  private final class SimpleLease implements Lease {
    private final RepositoryId repository;
    private final Path directory;
    private final boolean loaded;
    private boolean closed;

    SimpleLease(RepositoryId repository, Path directory, boolean loaded) {
      this.repository = repository;
      this.directory = directory;
      this.loaded = loaded;
    }

    @Override
    public RepositoryId repository() {
      return repository;
    }

    @Override
    public Path directory() {
      return directory;
    }

    @Override
    public boolean loaded() {
      return loaded;
    }

    @Override
    public Map<String, String> attributes() {
      return Map.of();
    }

    @Override
    public void fetched() {
      synchronized (DiskRepoStore.this) {
        fetches++;
      }
    }

    @Override
    public void invalidate() {}

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        leases.merge(repository.key(), -1, (a, b) -> a + b == 0 ? null : a + b);
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      deleteTree(p);
    } catch (IOException ignored) {
      // Left for the next open, which empties tmp/.
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  /** Configures a {@link DiskRepoStore}. */
  public static final class Builder {
    private @Nullable Path root;
    private final Set<RepositoryId> pinned = new HashSet<>();

    private Builder() {}

    /** Sets the directory that holds the store (required); created if missing. */
    public Builder root(Path root) {
      this.root = Objects.requireNonNull(root);
      return this;
    }

    /** Adds repositories that are never evicted. */
    public Builder pinned(Iterable<RepositoryId> repositories) {
      repositories.forEach(pinned::add);
      return this;
    }

    /**
     * Opens the store.
     *
     * @throws IOException if the root cannot be created or read
     */
    public DiskRepoStore build() throws IOException {
      if (root == null) {
        throw new IllegalStateException("root is required");
      }
      return new DiskRepoStore(this, root);
    }
  }
}
