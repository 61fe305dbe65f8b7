package dev.pizza.jgit;

import dev.pizza.RepositoryUrl;
import dev.pizza.cache.DiskRepoStore;
import dev.pizza.cache.RepoStore;
import dev.pizza.jgit.internal.diff.DiffOptions;
import dev.pizza.jgit.internal.transport.HttpSettings;
import dev.pizza.jgit.internal.transport.TransferSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.util.FS;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link JGitBackend}: the store, timeouts, credentials, SSH, HTTPS and proxies. Made
 * by {@link JGitBackend#builder()}. Not thread safe.
 */
public final class JGitBackendBuilder {
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
  private boolean repositoryMailmap = true;
  private Predicate<RepositoryUrl> lineStats = url -> false;
  private DiffOptions diffOptions = DiffOptions.DEFAULT;
  private final List<Path> caFiles = new ArrayList<>();
  private boolean systemCaBundle = true;
  private @Nullable Boolean sslVerify;
  private @Nullable String proxy;
  private @Nullable String noProxy;
  private Map<String, String> environment = System.getenv();
  private boolean gitSettings;
  private @Nullable Config gitConfig;
  private Predicate<URI> redirects = target -> true;

  JGitBackendBuilder() {}

  /**
   * Sets which servers an HTTP redirect may lead to. A repository that answers with a redirect (a
   * renamed repository on a forge) is followed on the first request, within its URL's scheme; when
   * the redirect leads to another server (host or port), {@code allowed} is asked first, with the
   * target's URL (no user info), so that a service can check it against its address rules again. A
   * refused redirect fails the bake with {@link dev.pizza.errors.TransferException}. The
   * repository's credentials are never sent to another server. Default: any server.
   */
  public JGitBackendBuilder redirects(Predicate<URI> allowed) {
    this.redirects = Objects.requireNonNull(allowed);
    return this;
  }

  /**
   * Also trusts the certificate authorities in {@code pemFile} (one or more PEM certificates) for
   * HTTPS, in addition to the JVM's trust store and the system's CA bundle; may be called more than
   * once. A server whose certificate is not trusted fails the bake with {@link
   * dev.pizza.errors.ServerCertificateException} ({@code UNTRUSTED}). A file that cannot be read or
   * holds no PEM block is refused when the backend is built; its certificates are parsed on the
   * backend's first HTTPS connection (a backend that bakes local paths only never parses them).
   */
  public JGitBackendBuilder caFile(Path pemFile) {
    caFiles.add(Objects.requireNonNull(pemFile));
    return this;
  }

  /**
   * Sets whether the operating system's PEM bundle of certificate authorities (such as {@code
   * /etc/ssl/certs/ca-certificates.crt}) is trusted in addition to the JVM's trust store, as git
   * trusts it. Default true.
   */
  public JGitBackendBuilder systemCaBundle(boolean trust) {
    this.systemCaBundle = trust;
    return this;
  }

  /**
   * Sets whether HTTPS server certificates and host names are verified. Default true (or git's
   * {@code http.sslVerify} / {@code GIT_SSL_NO_VERIFY} with {@link #gitSettings}). Set false only
   * when the user asks for it: any server can then pose as any host; a warning is logged.
   */
  public JGitBackendBuilder sslVerify(boolean verify) {
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
  public JGitBackendBuilder proxy(String url) {
    if (!url.isBlank()) {
      HttpSettings.checkProxy(url);
    }
    this.proxy = url;
    return this;
  }

  /**
   * Names hosts reached without a proxy, in {@code no_proxy} syntax: comma-separated host names
   * (each also covers its subdomains), IP addresses, optional {@code :port}, or {@code *} for all;
   * in addition to the environment's {@code no_proxy}.
   */
  public JGitBackendBuilder noProxy(String hosts) {
    this.noProxy = Objects.requireNonNull(hosts);
    return this;
  }

  /**
   * Sets the environment the backend reads; default {@link System#getenv()}. Its proxy variables
   * are honoured as git honours them: {@code https_proxy}, {@code http_proxy}, {@code all_proxy}
   * and {@code no_proxy}, in lower or upper case (a URL in {@code no_proxy} is reached directly).
   * With {@link #gitSettings}, also {@code GIT_SSL_CAINFO} and {@code GIT_SSL_NO_VERIFY}.
   */
  public JGitBackendBuilder environment(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    return this;
  }

  /**
   * Sets whether git's own HTTPS settings are honoured, as a git command line would: {@code
   * GIT_SSL_CAINFO} and {@code GIT_SSL_NO_VERIFY} from the environment, and {@code http.sslCAInfo},
   * {@code http.sslVerify} and {@code http.proxy} from the user's and system's git config (not
   * their {@code http.<url>.*} forms). Options set on this builder win. Default false: an embedded
   * library does not follow a user's git config unless told to.
   */
  public JGitBackendBuilder gitSettings(boolean honour) {
    this.gitSettings = honour;
    return this;
  }

  /** Honours git's settings from {@code config} instead of the user's git config (tests). */
  JGitBackendBuilder gitSettings(Config config) {
    this.gitSettings = true;
    this.gitConfig = config;
    return this;
  }

  /**
   * Keeps the generation numbers of local repositories (which are read in place and never written)
   * under {@code directory}, one subdirectory per repository key, so that incremental bakes of a
   * local repository cost what is new. Without it, each incremental bake of a local repository
   * computes them anew, at the cost of reading its whole history. Mirrors in the store keep theirs
   * in their own directory.
   */
  public JGitBackendBuilder generationsDirectory(Path directory) {
    this.generationsDirectory = Objects.requireNonNull(directory);
    return this;
  }

  /** Uses {@code store} for mirrors; the backend does not close it. */
  public JGitBackendBuilder store(RepoStore store) {
    this.store = Objects.requireNonNull(store);
    return this;
  }

  /** Opens a {@link DiskRepoStore} at {@code directory} for mirrors, closed with the backend. */
  public JGitBackendBuilder storeDirectory(Path directory) {
    this.storeDirectory = Objects.requireNonNull(directory);
    return this;
  }

  /**
   * Sets how long a transfer waits for the server: to connect, and then for each read or write (an
   * idle limit, not a limit on the whole transfer, so a large clone that keeps moving is never
   * cut). Default 1 minute. A server that stops answering fails the bake with {@link
   * dev.pizza.errors.TransferTimeoutException} about this long after its last answer.
   */
  public JGitBackendBuilder timeout(Duration timeout) {
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
  public JGitBackendBuilder credentials(RemoteCredentials credentials) {
    this.credentials = Objects.requireNonNull(credentials);
    return this;
  }

  /**
   * Sets the SSH client's directory, as OpenSSH uses {@code ~/.ssh}: its {@code config} (Host
   * aliases, HostName, Port, User, IdentityFile, IdentitiesOnly, IdentityAgent, UserKnownHostsFile;
   * StrictHostKeyChecking is not honoured, see {@link #acceptNewHostKeys}), its {@code known_hosts}
   * (hashed entries too) and its default identities ({@code id_ed25519}, {@code id_ecdsa}, {@code
   * id_rsa}, ...). Default the user's {@code ~/.ssh}; services and tests set their own so that the
   * account's files play no part.
   */
  public JGitBackendBuilder sshDirectory(Path directory) {
    this.sshDirectory = Objects.requireNonNull(directory);
    return this;
  }

  /**
   * Sets the {@code known_hosts} files (OpenSSH format) that hold the SSH host keys to trust,
   * instead of the ssh config's {@code UserKnownHostsFile} and the SSH directory's. A host whose
   * key is not there, or differs, is refused with {@link dev.pizza.errors.AuthenticationException},
   * whose message says which and how to add the key.
   */
  public JGitBackendBuilder sshKnownHosts(Path... files) {
    this.knownHosts = List.of(files);
    return this;
  }

  /**
   * Offers the private key {@code file} (OpenSSH or PEM format; ed25519, ECDSA or RSA) to SSH
   * servers, after keys added before it, instead of the SSH directory's default identities ({@code
   * id_ed25519}, ...). Keys the ssh config names for the host ({@code IdentityFile}) are tried
   * first, and with {@code IdentitiesOnly yes} alone; key pairs from the {@link #credentials}
   * replace these files. An encrypted key is unlocked with {@link
   * RemoteCredentials#sshKeyPassphrase}.
   */
  public JGitBackendBuilder sshKey(Path file) {
    this.sshKeys.add(Objects.requireNonNull(file));
    return this;
  }

  /**
   * Sets whether an SSH host key that no known_hosts file holds is trusted on first use and
   * appended to the first known_hosts file (OpenSSH's {@code StrictHostKeyChecking accept-new}).
   * Default false: an unknown host key fails the transfer. A changed key always does.
   */
  public JGitBackendBuilder acceptNewHostKeys(boolean accept) {
    this.acceptNewHostKeys = accept;
    return this;
  }

  /**
   * Sets whether the keys of the user's ssh agent (the socket of the ssh config's {@code
   * IdentityAgent}, else of {@code SSH_AUTH_SOCK}) are offered, unless the host's config says
   * {@code IdentitiesOnly yes}. Default true.
   */
  public JGitBackendBuilder sshAgent(boolean use) {
    this.sshAgent = use;
    return this;
  }

  /**
   * Sets whether mirrors are cloned and fetched with the partial-clone filter {@code tree:0}:
   * commits and annotated tags only, no trees or blobs. A commit walk reads nothing else, and a
   * treeless mirror is several times smaller and faster to clone. Default true. Set false when a
   * plugin needs file contents: an entry cloned treeless is then cloned again in full on first use.
   * (HEAD's root tree and {@code .mailmap} are fetched alone: see {@link #repositoryMailmap}.) A
   * server that cannot filter sends everything, and the entry is recorded as full.
   */
  public JGitBackendBuilder treeless(boolean treeless) {
    this.treeless = treeless;
    return this;
  }

  /**
   * Sets whether records are mapped through the repository's own {@code .mailmap} at {@code HEAD}
   * (see {@link dev.pizza.Mailmap}); the oven's mailmap applies either way. Default true. A
   * treeless mirror lacks the file: it is fetched alone (HEAD's root tree, then the blob: two small
   * requests, made only when HEAD's tree is new to the mirror), which needs a server that lets a
   * client want objects by id (protocol v2, as git's, GitHub's and JGit's servers speak); where
   * that fails the repository's mailmap is empty and the bake goes on. Set false to make no such
   * requests.
   */
  public JGitBackendBuilder repositoryMailmap(boolean read) {
    this.repositoryMailmap = read;
    return this;
  }

  /**
   * Sets whether records carry their file changes and line counts ({@link
   * dev.pizza.CommitRecord#files()}), as {@code git log --numstat --minimal} reports them: against
   * the first parent, renames detected as git's default does, binary files without counts, and
   * merges without changes unless {@link #lineStatsOfMerges} is set. Default false: records carry
   * no file changes ({@code files()} null) and mirrors stay treeless.
   *
   * <p>Line statistics read trees and blobs: a mirror is then cloned in full, and a mirror cloned
   * treeless before is cloned again in full on its first bake with statistics (see {@link
   * #treeless}). Cut-offs: a file pair with a side larger than 8 MiB, or whose line diff would take
   * more than 200 million steps of the O(ND) search (about a second), is reported as changed with
   * {@link dev.pizza.FileChange#tooLarge()} set and no counts. A blob larger than 8 MiB is never
   * read whole, only its size and its first 8,000 bytes (for the binary test), so memory stays
   * bounded whatever its size; such a file takes part in exact renames only (same blob id), not in
   * renames by similarity, where git would pair it by similarity too.
   */
  public JGitBackendBuilder lineStats(boolean on) {
    return lineStats(url -> on);
  }

  /**
   * Computes line statistics (see {@link #lineStats(boolean)}) for the repositories {@code which}
   * accepts, such as those a store configuration names; the others are baked without.
   */
  public JGitBackendBuilder lineStats(Predicate<RepositoryUrl> which) {
    this.lineStats = Objects.requireNonNull(which);
    return this;
  }

  /**
   * Sets whether a merge's file changes are computed against its first parent, when line statistics
   * are on. Default false: merges get an empty list, as {@code git log --numstat} prints nothing
   * for them.
   */
  public JGitBackendBuilder lineStatsOfMerges(boolean on) {
    this.diffOptions = new DiffOptions(on, diffOptions.maxFileBytes(), diffOptions.maxSteps());
    return this;
  }

  /** Sets the size cut-off of line statistics (default 8 MiB per side); tests set small ones. */
  JGitBackendBuilder lineStatsMaxFileBytes(int bytes) {
    this.diffOptions = new DiffOptions(diffOptions.merges(), bytes, diffOptions.maxSteps());
    return this;
  }

  /**
   * Returns the backend. Without a store it reads local paths only.
   *
   * <p>JGit measures each file system's timestamp resolution the first time it checks a file there
   * (refs, pack lists, configs) and keeps the result in its config ({@code ~/.config/jgit/config}).
   * The backend has JGit measure in the background ({@code FS.FileStoreAttributes.setBackground}):
   * a bake then waits at most 0.1 s for it and otherwise goes on with JGit's coarse fallback. The
   * measuring itself, and its probe files and config, are JGit's and JVM-wide (its attributes are
   * cached per file store for the whole JVM, read from {@code SystemReader}'s JGit config, and
   * checked by every {@code FileSnapshot}), so the backend cannot keep them off a bake by itself
   * without changing what every other JGit user in the JVM sees. A host that must not probe (a
   * read-only or throw-away home) installs a {@code SystemReader} whose {@code openJGitConfig}
   * holds the attributes, as the pizza CLI does with JGit's fallback resolution; a host that bakes
   * in a long-lived home pays the measuring once.
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
    Config git = !gitSettings ? null : gitConfig != null ? gitConfig : HttpSettings.userGitConfig();
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
      return new JGitBackend(
          store, false, settings, generationsDirectory, repositoryMailmap, lineStats, diffOptions);
    }
    if (storeDirectory != null) {
      return new JGitBackend(
          DiskRepoStore.builder().root(storeDirectory).build(),
          true,
          settings,
          generationsDirectory,
          repositoryMailmap,
          lineStats,
          diffOptions);
    }
    return new JGitBackend(
        null, false, settings, generationsDirectory, repositoryMailmap, lineStats, diffOptions);
  }
}
