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
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.transport.HttpSettings;
import dev.pizza.jgit.internal.transport.MirrorCheck;
import dev.pizza.jgit.internal.transport.RemoteMirror;
import dev.pizza.jgit.internal.transport.TransferFailures;
import dev.pizza.jgit.internal.transport.TransferSettings;
import dev.pizza.jgit.internal.walk.VerifiedLayers;
import dev.pizza.spi.Acquisition;
import dev.pizza.spi.OpenedRepository;
import dev.pizza.spi.RepositoryBackend;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
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
    if (url.kind() == RepositoryUrl.Kind.FILE) {
      RepositoryFormat.requireFetchable(url);
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
  private OpenedRepository openInPlace(RepositoryUrl url) throws PizzaException {
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
          return new GitOpenedRepository(git, format, generations, verifiedLayers);
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
    private final List<Path> sshKeys = new ArrayList<>();
    private boolean acceptNewHostKeys;
    private boolean sshAgent = true;
    private boolean treeless = true;
    private final List<Path> caFiles = new ArrayList<>();
    private boolean systemCaBundle = true;
    private @Nullable Boolean sslVerify;
    private @Nullable String proxy;
    private @Nullable String noProxy;
    private Map<String, String> environment = System.getenv();
    private boolean gitSettings;
    private @Nullable Config gitConfig;
    private Predicate<URI> redirects = target -> true;

    private Builder() {}

    /**
     * Sets which servers an HTTP redirect may lead to. A repository that answers with a redirect (a
     * renamed repository on a forge) is followed on the first request, within its URL's scheme;
     * when the redirect leads to another server (host or port), {@code allowed} is asked first,
     * with the target's URL (no user info), so that a service can check it against its address
     * rules again. A refused redirect fails the bake with {@link
     * dev.pizza.errors.TransferException}. The repository's credentials are never sent to another
     * server. Default: any server.
     */
    public Builder redirects(Predicate<URI> allowed) {
      this.redirects = Objects.requireNonNull(allowed);
      return this;
    }

    /**
     * Also trusts the certificate authorities in {@code pemFile} (one or more PEM certificates) for
     * HTTPS, in addition to the JVM's trust store and the system's CA bundle; may be called more
     * than once. A server whose certificate is not trusted fails the bake with {@link
     * dev.pizza.errors.ServerCertificateException} ({@code UNTRUSTED}). The file is read when the
     * backend is built.
     */
    public Builder caFile(Path pemFile) {
      caFiles.add(Objects.requireNonNull(pemFile));
      return this;
    }

    /**
     * Sets whether the operating system's PEM bundle of certificate authorities (such as {@code
     * /etc/ssl/certs/ca-certificates.crt}) is trusted in addition to the JVM's trust store, as git
     * trusts it. Default true.
     */
    public Builder systemCaBundle(boolean trust) {
      this.systemCaBundle = trust;
      return this;
    }

    /**
     * Sets whether HTTPS server certificates and host names are verified. Default true (or git's
     * {@code http.sslVerify} / {@code GIT_SSL_NO_VERIFY} with {@link #gitSettings}). Set false only
     * when the user asks for it: any server can then pose as any host; a warning is logged.
     */
    public Builder sslVerify(boolean verify) {
      this.sslVerify = verify;
      return this;
    }

    /**
     * Sends HTTP and HTTPS requests through the proxy {@code url}, {@code
     * http://[user:password@]host[:port]} (port 1080 when none is given, as curl), instead of the
     * proxies of the environment and of git's {@code http.proxy}; an empty string means no proxy.
     * HTTPS goes through a {@code CONNECT} tunnel. The credentials are sent to the proxy only and
     * appear in no log or message. Hosts named by {@link #noProxy} or {@code no_proxy} are reached
     * directly.
     *
     * @throws IllegalArgumentException if {@code url} is not an {@code http://} proxy URL
     */
    public Builder proxy(String url) {
      if (!url.isBlank()) {
        HttpSettings.checkProxy(url);
      }
      this.proxy = url;
      return this;
    }

    /**
     * Names hosts reached without a proxy, in {@code no_proxy} syntax: comma-separated host names
     * (each also covers its subdomains), IP addresses, optional {@code :port}, or {@code *} for
     * all; in addition to the environment's {@code no_proxy}.
     */
    public Builder noProxy(String hosts) {
      this.noProxy = Objects.requireNonNull(hosts);
      return this;
    }

    /**
     * Sets the environment the backend reads; default {@link System#getenv()}. Its proxy variables
     * are honoured as git honours them: {@code https_proxy}, {@code http_proxy}, {@code all_proxy}
     * and {@code no_proxy}, in lower or upper case (a URL in {@code no_proxy} is reached directly).
     * With {@link #gitSettings}, also {@code GIT_SSL_CAINFO} and {@code GIT_SSL_NO_VERIFY}.
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /**
     * Sets whether git's own HTTPS settings are honoured, as a git command line would: {@code
     * GIT_SSL_CAINFO} and {@code GIT_SSL_NO_VERIFY} from the environment, and {@code
     * http.sslCAInfo}, {@code http.sslVerify} and {@code http.proxy} from the user's and system's
     * git config (not their {@code http.<url>.*} forms). Options set on this builder win. Default
     * false: an embedded library does not follow a user's git config unless told to.
     */
    public Builder gitSettings(boolean honour) {
      this.gitSettings = honour;
      return this;
    }

    /** Honours git's settings from {@code config} instead of the user's git config (tests). */
    Builder gitSettings(Config config) {
      this.gitSettings = true;
      this.gitConfig = config;
      return this;
    }

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
     * Sets the SSH client's directory, as OpenSSH uses {@code ~/.ssh}: its {@code config} (Host
     * aliases, HostName, Port, User, IdentityFile, IdentitiesOnly, IdentityAgent,
     * UserKnownHostsFile; StrictHostKeyChecking is not honoured, see {@link #acceptNewHostKeys}),
     * its {@code known_hosts} (hashed entries too) and its default identities ({@code id_ed25519},
     * {@code id_ecdsa}, {@code id_rsa}, ...). Default the user's {@code ~/.ssh}; services and tests
     * set their own so that the account's files play no part.
     */
    public Builder sshDirectory(Path directory) {
      this.sshDirectory = Objects.requireNonNull(directory);
      return this;
    }

    /**
     * Sets the {@code known_hosts} files (OpenSSH format) that hold the SSH host keys to trust,
     * instead of the ssh config's {@code UserKnownHostsFile} and the SSH directory's. A host whose
     * key is not there, or differs, is refused with {@link
     * dev.pizza.errors.AuthenticationException}, whose message says which and how to add the key.
     */
    public Builder sshKnownHosts(Path... files) {
      this.knownHosts = List.of(files);
      return this;
    }

    /**
     * Offers the private key {@code file} (OpenSSH or PEM format; ed25519, ECDSA or RSA) to SSH
     * servers, after keys added before it, instead of the SSH directory's default identities
     * ({@code id_ed25519}, ...). Keys the ssh config names for the host ({@code IdentityFile}) are
     * tried first, and with {@code IdentitiesOnly yes} alone; key pairs from the {@link
     * #credentials} replace these files. An encrypted key is unlocked with {@link
     * RemoteCredentials#sshKeyPassphrase}.
     */
    public Builder sshKey(Path file) {
      this.sshKeys.add(Objects.requireNonNull(file));
      return this;
    }

    /**
     * Sets whether an SSH host key that no known_hosts file holds is trusted on first use and
     * appended to the first known_hosts file (OpenSSH's {@code StrictHostKeyChecking accept-new}).
     * Default false: an unknown host key fails the transfer. A changed key always does.
     */
    public Builder acceptNewHostKeys(boolean accept) {
      this.acceptNewHostKeys = accept;
      return this;
    }

    /**
     * Sets whether the keys of the user's ssh agent (the socket of the ssh config's {@code
     * IdentityAgent}, else of {@code SSH_AUTH_SOCK}) are offered, unless the host's config says
     * {@code IdentitiesOnly yes}. Default true.
     */
    public Builder sshAgent(boolean use) {
      this.sshAgent = use;
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
     * @throws IllegalArgumentException if a CA file cannot be read, or a proxy URL is invalid
     */
    public JGitBackend build() throws IOException {
      // JGit measures each file system's timestamp resolution on first use and keeps it in
      // ~/.config/jgit/config: seconds of sleeping probes in a new home directory (a container, a
      // fresh pod), on the bake's path. Measured in the background instead, JGit assumes the
      // coarsest resolution meanwhile, which only makes it re-read files more often.
      FS.FileStoreAttributes.setBackground(true);
      Config git =
          !gitSettings ? null : gitConfig != null ? gitConfig : HttpSettings.userGitConfig();
      HttpSettings http =
          HttpSettings.of(
              new HttpSettings.Options(
                  environment, git, caFiles, systemCaBundle, sslVerify, proxy, noProxy, redirects));
      TransferSettings settings =
          new TransferSettings(
              timeout,
              credentials,
              sshDirectory,
              knownHosts,
              sshKeys,
              acceptNewHostKeys,
              sshAgent,
              treeless,
              http);
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
