package dev.pizza.jgit;

import dev.pizza.Acquisition;
import dev.pizza.OpenedRepository;
import dev.pizza.PizzaException;
import dev.pizza.ProgressListener;
import dev.pizza.RepositoryBackend;
import dev.pizza.RepositoryNotFoundException;
import dev.pizza.RepositoryStorageException;
import dev.pizza.RepositoryUrl;
import dev.pizza.cache.DiskRepoStore;
import dev.pizza.cache.Lease;
import dev.pizza.cache.RepoStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RepositoryBackend} on JGit. Remote and {@code file://} repositories are kept as bare
 * mirrors (branches and tags) in a {@link RepoStore}: cloned on first use, fetched on later use with
 * forced updates and pruning. A local path is opened in place and only read.
 *
 * <pre>{@code
 * RepositoryBackend backend = JGitBackend.builder()
 *     .storeDirectory(Path.of("/var/cache/pizza"))
 *     .timeout(Duration.ofMinutes(2))
 *     .build();
 * }</pre>
 *
 * <p>Thread safe. Closing it closes a store it opened itself (not one given to {@link
 * Builder#store}).
 */
public final class JGitBackend implements RepositoryBackend {
  private static final Logger log = LoggerFactory.getLogger(JGitBackend.class);

  private final @Nullable RepoStore store;
  private final boolean ownsStore;
  /** Where a mirror keeps its generation numbers: inside its own directory, so eviction takes it. */
  static final String GENERATIONS_DIR = "pizza-generations";

  private final RemoteMirror mirror;
  private final @Nullable Path localGenerations;

  private JGitBackend(
      @Nullable RepoStore store,
      boolean ownsStore,
      TransferSettings settings,
      @Nullable Path localGenerations) {
    this.store = store;
    this.ownsStore = ownsStore;
    this.mirror = new RemoteMirror(settings);
    this.localGenerations = localGenerations;
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public OpenedRepository open(RepositoryUrl url, ProgressListener progress) throws PizzaException {
    if (url.kind() == RepositoryUrl.Kind.LOCAL_PATH) {
      return openInPlace(url);
    }
    RepoStore s = store;
    if (s == null) {
      throw new IllegalStateException(
          "this backend has no repository store; set one to bake " + url);
    }
    Lease lease =
        s.acquire(
            url.id(),
            dir -> {
              log.info("{}: cloning", url);
              mirror.cloneInto(url, dir, progress);
              return Map.of();
            });
    try {
      Repository repository = openBare(url, lease.directory());
      try {
        Acquisition acquisition = Acquisition.CLONED;
        if (!lease.loaded()) {
          log.debug("{}: fetching", url);
          mirror.fetch(repository, url, progress);
          lease.fetched();
          acquisition = Acquisition.FETCHED;
        }
        return new GitOpenedRepository(
            repository, lease, acquisition, lease.directory().resolve(GENERATIONS_DIR));
      } catch (PizzaException | RuntimeException e) {
        repository.close();
        throw e;
      } catch (IOException e) {
        repository.close();
        throw new RepositoryStorageException("cannot read refs of " + url + ": " + e, e);
      }
    } catch (PizzaException | RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  private static Repository openBare(RepositoryUrl url, Path directory) throws PizzaException {
    try {
      return new FileRepositoryBuilder().setGitDir(directory.toFile()).setMustExist(true).build();
    } catch (IOException e) {
      throw new RepositoryStorageException("cannot open the mirror of " + url + ": " + e, e);
    }
  }

  /** Opens a local repository (bare, or a work tree's) where it is, without writing to it. */
  private OpenedRepository openInPlace(RepositoryUrl url) throws PizzaException {
    Path dir = url.localPath();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
    if (Files.exists(dir.resolve(".git"))) {
      builder.setWorkTree(dir.toFile());
    } else if (Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))) {
      builder.setGitDir(dir.toFile());
    } else {
      throw new RepositoryNotFoundException("no git repository at " + dir);
    }
    try {
      Repository repository = builder.build();
      try {
        Path generations = localGenerations == null ? null : localGenerations.resolve(url.id().key());
        return new GitOpenedRepository(repository, null, Acquisition.READ_IN_PLACE, generations);
      } catch (IOException | RuntimeException e) {
        repository.close();
        throw e;
      }
    } catch (IOException e) {
      throw new RepositoryStorageException("cannot read the repository at " + dir + ": " + e, e);
    }
  }

  @Override
  public void close() {
    if (ownsStore && store != null) {
      store.close();
    }
  }

  /** Configures a {@link JGitBackend}. Not thread safe. */
  public static final class Builder {
    private @Nullable RepoStore store;
    private @Nullable Path storeDirectory;
    private Duration timeout = Duration.ofMinutes(2);
    private @Nullable Path generationsDirectory;

    private Builder() {}

    /**
     * Keeps the generation numbers of local repositories (which are read in place and never
     * written) under {@code directory}, one subdirectory per repository key, so that incremental
     * bakes of a local repository cost what is new. Without it, each incremental bake of a local
     * repository computes them anew, at the cost of reading its whole history. Mirrors in the
     * store keep theirs in their own directory.
     */
    public Builder generationsDirectory(Path directory) {
      this.generationsDirectory = Objects.requireNonNull(directory);
      return this;
    }

    /** Uses {@code store} for mirrors; the backend does not close it. */
    public Builder store(RepoStore store) {
      this.store = Objects.requireNonNull(store);
      return this;
    }

    /** Opens a {@link DiskRepoStore} at {@code directory} for mirrors, closed with the backend. */
    public Builder storeDirectory(Path directory) {
      this.storeDirectory = Objects.requireNonNull(directory);
      return this;
    }

    /** Sets how long a transfer waits for the server to connect or answer; default 2 minutes. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Returns the backend. Without a store it reads local paths only.
     *
     * @throws IOException if the store directory cannot be opened
     */
    public JGitBackend build() throws IOException {
      TransferSettings settings = new TransferSettings(timeout);
      if (store != null) {
        return new JGitBackend(store, false, settings, generationsDirectory);
      }
      if (storeDirectory != null) {
        return new JGitBackend(
            DiskRepoStore.builder().root(storeDirectory).build(), true, settings, generationsDirectory);
      }
      return new JGitBackend(null, false, settings, generationsDirectory);
    }
  }
}
