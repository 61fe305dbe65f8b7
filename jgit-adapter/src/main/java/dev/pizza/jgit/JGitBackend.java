package dev.pizza.jgit;

import dev.pizza.Mailmap;
import dev.pizza.ProgressListener;
import dev.pizza.RepositoryUrl;
import dev.pizza.cache.Lease;
import dev.pizza.cache.RepoStore;
import dev.pizza.errors.BakeCancelledException;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.RepositoryNotFoundException;
import dev.pizza.errors.RepositoryStorageException;
import dev.pizza.errors.StorageExhaustedException;
import dev.pizza.errors.TransferTimeoutException;
import dev.pizza.jgit.internal.diff.DiffOptions;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.transport.MirrorCheck;
import dev.pizza.jgit.internal.transport.RemoteMirror;
import dev.pizza.jgit.internal.transport.TransferFailures;
import dev.pizza.jgit.internal.transport.TransferSettings;
import dev.pizza.jgit.internal.walk.FinishingWalks;
import dev.pizza.jgit.internal.walk.VerifiedLayers;
import dev.pizza.spi.Acquisition;
import dev.pizza.spi.OpenedRepository;
import dev.pizza.spi.RepositoryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
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
 * and scp-like {@code user@host:path} (JGit's Apache MINA SSHD client), and {@code file://}. HTTPS
 * trusts the JVM's store, the system's CA bundle and {@link Builder#caFile}s, and goes through
 * proxies as git chooses them ({@link Builder#environment}, {@link Builder#proxy}, {@link
 * Builder#gitSettings}); all of it per backend, with no JVM-global default changed. Mirrors are
 * treeless by default (see {@link Builder#treeless}). Every failure is one of the typed {@link
 * PizzaException}s; after a failed clone the store holds nothing of the repository, and a fetch
 * that may have damaged a mirror invalidates its entry.
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
  private final boolean repositoryMailmap;
  private final Predicate<RepositoryUrl> lineStats;
  private final DiffOptions diffOptions;
  private final RemoteMirror mirror;
  private final @Nullable Path localGenerations;
  private final LocalRepositories localRepositories = new LocalRepositories();

  /** Which generation-index layers were found whole: checked once per backend, not per walk. */
  private final VerifiedLayers verifiedLayers = new VerifiedLayers();

  /** Full walks still writing generations after their bake: awaited before the backend closes. */
  private final FinishingWalks finishingWalks = new FinishingWalks();

  JGitBackend(
      @Nullable RepoStore store,
      boolean ownsStore,
      TransferSettings settings,
      @Nullable Path localGenerations,
      boolean repositoryMailmap,
      Predicate<RepositoryUrl> lineStats,
      DiffOptions diffOptions) {
    this.lineStats = lineStats;
    this.diffOptions = diffOptions;
    this.store = store;
    this.repositoryMailmap = repositoryMailmap;
    this.ownsStore = ownsStore;
    this.treeless = settings.treeless();
    this.mirror = new RemoteMirror(settings);
    this.localGenerations = localGenerations;
  }

  /** Returns a builder. */
  public static JGitBackendBuilder builder() {
    return new JGitBackendBuilder();
  }

  @Override
  public OpenedRepository open(RepositoryUrl url, ProgressListener progress) throws PizzaException {
    DiffOptions stats = lineStats.test(url) ? diffOptions : null;
    if (url.kind() == RepositoryUrl.Kind.LOCAL_PATH) {
      return openInPlace(url, stats);
    }
    boolean treeless = this.treeless && stats == null;
    RepoStore s = store;
    if (s == null) {
      throw new IllegalStateException(
          "this backend has no repository store; set one to bake " + url);
    }
    if (url.kind() == RepositoryUrl.Kind.FILE) {
      RepositoryFormat.requireFetchable(url);
    }
    Lease lease = acquire(s, url, treeless, progress);
    if (!treeless && isTreeless(lease)) {
      // This bake needs file contents; the entry was cloned without them: clone it again.
      log.info("{}: the mirror holds no trees or blobs; cloning it again in full", url);
      lease.invalidate();
      lease.close();
      lease = acquire(s, url, false, progress);
      if (isTreeless(lease)) {
        lease.close();
        throw new RepositoryStorageException(
            "the store kept the treeless mirror of " + url + " although it was invalidated");
      }
    }
    try {
      checkMirrorFormat(url, lease);
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
            verifiedLayers,
            finishingWalks,
            mailmapOf(repository, url, progress),
            stats);
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

  /**
   * Returns how the mirror's mailmap is read when the bake asks: {@code HEAD:.mailmap}, fetching
   * HEAD's root tree and the blob when the mirror lacks them (see {@link HeadMailmap}).
   */
  private HeadMailmap.Reader mailmapOf(
      Repository repository, RepositoryUrl url, ProgressListener progress) {
    if (!repositoryMailmap) {
      return known -> Mailmap.EMPTY;
    }
    HeadMailmap.Fetcher fetcher =
        (id, filter) -> mirror.fetchObjects(repository, url, progress, List.of(id), filter);
    return known -> HeadMailmap.read(repository, known, url, fetcher);
  }

  private Lease acquire(RepoStore s, RepositoryUrl url, boolean treeless, ProgressListener progress)
      throws PizzaException {
    return s.acquire(
        url.id(),
        (dir, budget) -> {
          log.info("{}: cloning{}", url, treeless ? " (commits and tags only)" : "");
          return mirror.cloneInto(url, dir, treeless, progress, budget::check);
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

  /**
   * Checks the mirror's own format as any opened repository's: JGit clones SHA-1 only, so a mirror
   * in another format (or with an extension this reader does not know) was not made by it; its
   * entry is invalidated, to be cloned anew.
   */
  private static void checkMirrorFormat(RepositoryUrl url, Lease lease) throws PizzaException {
    ObjectFormat format;
    try {
      format = RepositoryFormat.read(lease.directory(), "the mirror of " + url);
    } catch (IOException | PizzaException e) {
      lease.invalidate();
      throw e instanceof PizzaException p
          ? p
          : new RepositoryStorageException("cannot read the mirror of " + url + ": " + e, e);
    }
    if (format != ObjectFormat.SHA1) {
      lease.invalidate();
      throw TransferFailures.unsupportedFormat(url, format.hashName());
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
  private OpenedRepository openInPlace(RepositoryUrl url, @Nullable DiffOptions stats)
      throws PizzaException {
    Path dir = url.localPath();
    Path generations = localGenerations == null ? null : localGenerations.resolve(url.id().key());
    LocalChecks.requireListable(dir);
    try {
      GitDirectory git = GitDirectory.locate(dir);
      if (git != null) {
        LocalChecks.requireValidConfig(dir, git);
        ObjectFormat format = RepositoryFormat.read(git.commonDir(), dir.toString());
        if (format != ObjectFormat.SHA1) {
          // JGit cannot read it: refs and objects are read from the files.
          return new GitOpenedRepository(
              git, format, generations, verifiedLayers, finishingWalks, stats);
        }
      }
    } catch (IOException e) {
      throw new RepositoryStorageException("cannot read the repository at " + dir + ": " + e, e);
    }
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
        return new GitOpenedRepository(
            repository,
            null,
            Acquisition.READ_IN_PLACE,
            generations,
            verifiedLayers,
            finishingWalks,
            repositoryMailmap
                ? known -> HeadMailmap.read(repository, known, url, null)
                : known -> Mailmap.EMPTY,
            stats);
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
    finishingWalks.awaitAll();
    localRepositories.close();
    if (ownsStore && store != null) {
      store.close();
    }
  }
}
