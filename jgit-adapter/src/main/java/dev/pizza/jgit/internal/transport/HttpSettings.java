package dev.pizza.jgit.internal.transport;

import dev.pizza.RepositoryUrl;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.util.SystemReader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one backend talks HTTP(S): whom it trusts ({@link TlsTrust}) and through which proxies
 * ({@link ProxySettings}). Built once per backend from the builder's options, the environment and,
 * when asked, git's own settings: {@code GIT_SSL_CAINFO}, {@code GIT_SSL_NO_VERIFY}, and from the
 * user's and system's git config {@code http.sslCAInfo}, {@code http.sslVerify}, {@code http.proxy}
 * (top-level keys only; {@code http.<url>.*} sections are not read).
 */
public final class HttpSettings {
  private static final Logger log = LoggerFactory.getLogger(HttpSettings.class);

  /**
   * Made on first use: reading the JVM's and the system's CAs costs a moment, once per JVM, and the
   * CA files' once per backend; a backend that never opens an HTTPS connection reads none.
   */
  private final Supplier<TlsTrust> makeTrust;

  private @Nullable TlsTrust trust;
  private final ProxySettings proxies;
  private final Predicate<URI> redirects;

  /** One tunnel factory per proxy: the JDK reuses kept-alive connections per socket factory. */
  private final ConcurrentMap<HttpProxy, ProxyTunnel> tunnels = new ConcurrentHashMap<>();

  private HttpSettings(
      Supplier<TlsTrust> makeTrust, ProxySettings proxies, Predicate<URI> redirects) {
    this.makeTrust = makeTrust;
    this.proxies = proxies;
    this.redirects = redirects;
  }

  /**
   * What the builder collected.
   *
   * @param env the environment: proxy variables, and {@code GIT_SSL_*} when {@code gitSettings}
   * @param gitSettings whether to honour git's settings, or null for none
   * @param caFiles PEM files of CAs to trust
   * @param systemBundle whether to trust the operating system's CA bundle
   * @param sslVerify the builder's choice, or null to leave it to git's settings (default true)
   * @param proxy the builder's proxy URL ("" for none), or null
   * @param noProxy the builder's {@code no_proxy}-style list, or null
   * @param redirects which servers a redirect may lead to (other than the repository's own)
   */
  public record Options(
      Map<String, String> env,
      @Nullable Config gitSettings,
      List<Path> caFiles,
      boolean systemBundle,
      @Nullable Boolean sslVerify,
      @Nullable String proxy,
      @Nullable String noProxy,
      Predicate<URI> redirects) {
    /** Says nothing of the environment or the proxy, which may hold credentials. */
    @Override
    public String toString() {
      return "HttpSettings.Options[caFiles=" + caFiles + ", systemBundle=" + systemBundle + "]";
    }
  }

  /**
   * Builds the settings.
   *
   * @throws IllegalArgumentException if a CA file cannot be read or a proxy URL is invalid
   */
  public static HttpSettings of(Options o) {
    List<Path> caFiles = new ArrayList<>(o.caFiles());
    Boolean verify = o.sslVerify();
    String proxy = o.proxy();
    Config git = o.gitSettings();
    if (git != null) {
      String info = git.getString("http", null, "sslCAInfo");
      if (info != null && !info.isBlank()) {
        caFiles.add(expandHome(info));
      }
      String envInfo = o.env().get("GIT_SSL_CAINFO");
      if (envInfo != null && !envInfo.isBlank()) {
        caFiles.add(expandHome(envInfo));
      }
      if (verify == null) {
        boolean configVerify = git.getBoolean("http", null, "sslVerify", true);
        boolean envNoVerify = o.env().containsKey("GIT_SSL_NO_VERIFY");
        verify = configVerify && !envNoVerify;
      }
      if (proxy == null) {
        proxy = git.getString("http", null, "proxy");
      }
    }
    Supplier<TlsTrust> trust;
    if (verify == null || verify) {
      TlsTrust.checkCaFiles(caFiles); // a missing or empty file fails at build time
      List<Path> files = List.copyOf(caFiles);
      boolean systemBundle = o.systemBundle();
      trust = () -> TlsTrust.verifying(systemBundle, TlsTrust.caFiles(files));
    } else {
      log.warn(
          "TLS certificate verification is OFF (http.sslVerify=false, GIT_SSL_NO_VERIFY or the"
              + " builder): any server can pose as any HTTPS host");
      trust = TlsTrust::notVerifying;
    }
    return new HttpSettings(trust, ProxySettings.of(o.env(), proxy, o.noProxy()), o.redirects());
  }

  /**
   * Checks that {@code url} is a proxy URL this backend can use.
   *
   * @throws IllegalArgumentException if not; the message hides any user info
   */
  public static void checkProxy(String url) {
    HttpProxy.parse(url);
  }

  /**
   * Reads the user's git config (with the XDG and system configs beneath it) as JGit finds them.
   */
  public static Config userGitConfig() {
    try {
      return SystemReader.getInstance().getUserConfig();
    } catch (IOException | ConfigInvalidException e) {
      log.warn("cannot read the user's git config ({}); ignoring it", e.getClass().getSimpleName());
      return new Config();
    }
  }

  private static Path expandHome(String path) {
    String p = path.strip();
    if (p.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), p.substring(2));
    }
    return Path.of(p);
  }

  synchronized TlsTrust trust() {
    TlsTrust t = trust;
    if (t == null) {
      t = makeTrust.get();
      trust = t;
    }
    return t;
  }

  ProxySettings proxies() {
    return proxies;
  }

  /** Whether a redirect may lead to {@code target}, a URL on another server without user info. */
  boolean redirectAllowed(URI target) {
    return redirects.test(target);
  }

  ProxyTunnel tunnel(HttpProxy proxy) {
    TlsTrust t = trust();
    return tunnels.computeIfAbsent(proxy, p -> new ProxyTunnel(t.socketFactory(), p));
  }

  /** Returns the connection factory for one transfer of the repository at {@code url}. */
  HttpConnections connections(RepositoryUrl url) {
    return new HttpConnections(this, URI.create(url.toString()));
  }

  @Override
  public String toString() {
    return "HttpSettings[" + proxies + "]";
  }
}
