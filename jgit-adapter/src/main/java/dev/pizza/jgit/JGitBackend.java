package dev.pizza.jgit;

import dev.pizza.ProgressListener;
import dev.pizza.RepositoryUrl;
import dev.pizza.cache.DiskRepoStore;
import dev.pizza.cache.Lease;
import dev.pizza.cache.RepoStore;
import dev.pizza.errors.BakeCancelledException;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.RepositoryNotFoundException;
import dev.pizza.errors.RepositoryStorageException;
import dev.pizza.errors.StorageExhaustedException;
import dev.pizza.errors.TransferTimeoutException;
import dev.pizza.jgit.internal.transport.MirrorCheck;
import dev.pizza.jgit.internal.transport.RemoteMirror;
import dev.pizza.jgit.internal.transport.TransferSettings;
import dev.pizza.jgit.internal.walk.VerifiedLayers;
import dev.pizza.spi.Acquisition;
import dev.pizza.spi.OpenedRepository;
import dev.pizza.spi.RepositoryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RepositoryBackend} on JGit. Remote and {@code file://} repositories are kept as bare
 * mirrors (branches and tags) in a {@link RepoStore}: cloned on first use, fetched on later use
 * with forced updates and pruning. A local path is opened in place and only read.
 *
 * <pre>{@code
 * RepositoryBackend backend = JGitBackend.builder()
 *     .storeDirectory(Path.of("/var/cache/pizza"))
 *     .timeout(Duration.ofSeconds(30))
 *     .credentials(RemoteCredentials.perHost()
 *         .password("github.com", "x-access-token", token)
 *         .sshKey("git.example.com", keyPair)
 *         .build())
 *     .sshKnownHosts(Path.of("/etc/pizza/known_hosts"))
 *     .build();
 * }</pre>
 *
 * <p>Transports: {@code https://} and {@code http://} (smart HTTP), {@code git://}, {@code ssh://}
 * and scp-like {@code user@host:path} (JGit's Apache MINA SSHD client), and {@code file://}.
 * Mirrors are treeless by default (see {@link Builder#treeless}). Every failure is one of the typed
 * {@link PizzaException}s; after a failed clone the store holds nothing of the repository, and a
 * fetch that may have damaged a mirror invalidates its entry.
 *
 * <p>Thread safe. Closing it closes a store it opened itself (not one given to {@link
 * Builder#store}).
 */
public final class JGitBackend implements RepositoryBackend {
  private static final Logger log = LoggerFactory.getLogger(JGitBackend.class);

  private final @Nullable RepoStore store;
  private final boolean ownsStore;

  /**
   * Where a mirror keeps its generation numbers: inside its own directory, so eviction takes it.
   */
  static final String GENERATIONS_DIR = "pizza-generations";

  private final boolean treeless;
  private final RemoteMirror mirror;
  private final @Nullable Path localGenerations;
  private final LocalRepositories localRepositories = new LocalRepositories();

  /** Which generation-index layers were found whole: checked once per backend, not per walk. */
  private final VerifiedLayers verifiedLayers = new VerifiedLayers();

  private JGitBackend(
      @Nullable RepoStore store,
      boolean ownsStore,
      TransferSettings settings,
      @Nullable Path localGenerations) {
    this.store = store;
    this.ownsStore = ownsStore;
    this.treeless = settings.treeless();
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
    Lease lease = acquire(s, url, progress);
    if (!treeless && isTreeless(lease)) {
      // This backend needs file contents; the entry was cloned without them: clone it again.
      log.info("{}: the mirror holds no trees or blobs; cloning it again in full", url);
      lease.invalidate();
      lease.close();
      lease = acquire(s, url, progress);
      if (isTreeless(lease)) {
        lease.close();
        throw new RepositoryStorageException(
            "the store kept the treeless mirror of " + url + " although it was invalidated");
      }
    }
    try {
      Repository repository = openBare(url, lease.directory());
      try {
        Acquisition acquisition = Acquisition.CLONED;
        if (!lease.loaded()) {
          log.debug("{}: fetching", url);
          fetchOrInvalidate(repository, url, lease, progress);
          lease.fetched();
          acquisition = Acquisition.FETCHED;
        }
        return new GitOpenedRepository(
            repository,
            lease,
            acquisition,
            lease.directory().resolve(GENERATIONS_DIR),
            verifiedLayers);
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

  private Lease acquire(RepoStore s, RepositoryUrl url, ProgressListener progress)
      throws PizzaException {
    return s.acquire(
        url.id(),
        dir -> {
          log.info("{}: cloning{}", url, treeless ? " (commits and tags only)" : "");
          return mirror.cloneInto(url, dir, treeless, progress);
        });
  }

  /**
   * Returns whether the leased mirror was cloned treeless: from the store's attributes when it
   * keeps them, else from the mirror's own config.
   */
  private static boolean isTreeless(Lease lease) throws PizzaException {
    String filter = lease.attributes().get(RemoteMirror.FILTER_ATTRIBUTE);
    if (filter != null) {
      return filter.equals(RemoteMirror.TREELESS);
    }
    try (Repository r =
        new FileRepositoryBuilder()
            .setGitDir(lease.directory().toFile())
            .setMustExist(true)
            .build()) {
      return RemoteMirror.filterOf(r).equals(RemoteMirror.TREELESS);
    } catch (IOException e) {
      lease.invalidate();
      lease.close();
      throw new RepositoryStorageException(
          "cannot open the mirror of "
              + lease.repository()
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /**
   * Fetches into an existing mirror. JGit writes a fetched pack aside and moves refs only after it
   * is complete, so a broken transfer leaves the mirror as it was. The entry is invalidated (cloned
   * anew next time) when the failure was local (the disk), when the mirror's refs no longer
   * resolve, or when the transfer was given up (timed out or cancelled), because its abandoned
   * thread may still write into the mirror.
   */
  private void fetchOrInvalidate(
      Repository repository, RepositoryUrl url, Lease lease, ProgressListener progress)
      throws PizzaException {
    try {
      mirror.fetch(repository, url, progress);
    } catch (PizzaException e) {
      if (e instanceof RepositoryStorageException
          || e instanceof StorageExhaustedException
          || e instanceof TransferTimeoutException
          || e instanceof BakeCancelledException
          || !MirrorCheck.refsResolve(repository)) {
        log.warn(
            "{}: the fetch failed and the mirror may be damaged; it will be cloned again", url);
        lease.invalidate();
      }
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
    } else if (Files.isRegularFile(dir.resolve("HEAD"))
        && Files.isDirectory(dir.resolve("objects"))) {
      builder.setGitDir(dir.toFile());
    } else {
      throw new RepositoryNotFoundException("no git repository at " + dir);
    }
    try {
      Repository repository = localRepositories.open(dir, builder);
      try {
        Path generations =
            localGenerations == null ? null : localGenerations.resolve(url.id().key());
        return new GitOpenedRepository(
            repository, null, Acquisition.READ_IN_PLACE, generations, verifiedLayers);
      } catch (IOException | RuntimeException e) {
        repository.close();
        localRepositories.forget(dir);
        throw e;
      }
    } catch (IOException e) {
      throw new RepositoryStorageException("cannot read the repository at " + dir + ": " + e, e);
    }
  }

  @Override
  public void close() {
    localRepositories.close();
    if (ownsStore && store != null) {
      store.close();
    }
  }

  /** Configures a {@link JGitBackend}. Not thread safe. */
  public static final class Builder {
    private @Nullable RepoStore store;
    private @Nullable Path storeDirectory;
    private Duration timeout = Duration.ofMinutes(1);
    private @Nullable Path generationsDirectory;
    private RemoteCredentials credentials = RemoteCredentials.NONE;
    private @Nullable Path sshDirectory;
    private List<Path> knownHosts = List.of();
    private boolean treeless = true;

    private Builder() {}

    /**
     * Keeps the generation numbers of local repositories (which are read in place and never
     * written) under {@code directory}, one subdirectory per repository key, so that incremental
     * bakes of a local repository cost what is new. Without it, each incremental bake of a local
     * repository computes them anew, at the cost of reading its whole history. Mirrors in the store
     * keep theirs in their own directory.
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

    /**
     * Sets how long a transfer waits for the server: to connect, and then for each read or write
     * (an idle limit, not a limit on the whole transfer, so a large clone that keeps moving is
     * never cut). Default 1 minute. A server that stops answering fails the bake with {@link
     * dev.pizza.errors.TransferTimeoutException} about this long after its last answer.
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets where transfers get credentials when the URL carries none; default {@link
     * RemoteCredentials#NONE}.
     */
    public Builder credentials(RemoteCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials);
      return this;
    }

    /**
     * Sets the SSH client's directory, whose default identities ({@code id_ed25519}, ...) are
     * offered when the credentials give no key, and whose {@code known_hosts} is trusted; default
     * the user's {@code ~/.ssh}. Its {@code config} file is not read.
     */
    public Builder sshDirectory(Path directory) {
      this.sshDirectory = Objects.requireNonNull(directory);
      return this;
    }

    /**
     * Sets the {@code known_hosts} files (OpenSSH format) that hold the SSH host keys to trust,
     * instead of the SSH directory's. A host whose key is not there, or differs, is refused with
     * {@link dev.pizza.errors.AuthenticationException}.
     */
    public Builder sshKnownHosts(Path... files) {
      this.knownHosts = List.of(files);
      return this;
    }

    /**
     * Sets whether mirrors are cloned and fetched with the partial-clone filter {@code tree:0}:
     * commits and annotated tags only, no trees or blobs. A commit walk reads nothing else, and a
     * treeless mirror is several times smaller and faster to clone. Default true. Set false when a
     * plugin needs file contents: an entry cloned treeless is then cloned again in full on first
     * use. A server that cannot filter sends everything, and the entry is recorded as full.
     */
    public Builder treeless(boolean treeless) {
      this.treeless = treeless;
      return this;
    }

    /**
     * Returns the backend. Without a store it reads local paths only.
     *
     * @throws IOException if the store directory cannot be opened
     */
    public JGitBackend build() throws IOException {
      TransferSettings settings =
          new TransferSettings(timeout, credentials, sshDirectory, knownHosts, treeless);
      if (store != null) {
        return new JGitBackend(store, false, settings, generationsDirectory);
      }
      if (storeDirectory != null) {
        return new JGitBackend(
            DiskRepoStore.builder().root(storeDirectory).build(),
            true,
            settings,
            generationsDirectory);
      }
      return new JGitBackend(null, false, settings, generationsDirectory);
    }
  }
}
