package dev.pizza.jgit.internal.transport;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the proxy for each HTTP(S) request as git (through curl) does. In order: a proxy the
 * builder set, else git's {@code http.proxy} (when git's settings are honoured), else the
 * environment: {@code https_proxy} for https URLs, {@code http_proxy} for http URLs, {@code
 * all_proxy} for both (each in lower or upper case, lower first). {@code no_proxy} (either case,
 * plus the builder's list) names hosts reached directly: {@code *} for all, a host name (which also
 * covers its subdomains; a leading dot is ignored), or an IP address, each with an optional {@code
 * :port}. An empty proxy setting means "no proxy".
 *
 * <p>When none of these says anything about a URL, the JVM's default {@link java.net.ProxySelector}
 * (system properties such as {@code https.proxyHost}) decides, as it did before.
 */
final class ProxySettings {
  private static final Logger log = LoggerFactory.getLogger(ProxySettings.class);

  /** How one request goes out. */
  sealed interface Route permits Direct, Via, JvmDefault {}

  /** Straight to the server. */
  record Direct() implements Route {}

  /** Through {@code proxy}: a CONNECT tunnel for https, a forwarding request for http. */
  record Via(HttpProxy proxy) implements Route {}

  /** Whatever the JVM's default proxy selector says. */
  record JvmDefault() implements Route {}

  /** The builder's or git config's proxy for all URLs; an empty string means none. */
  private final @Nullable String configured;

  private final @Nullable String httpsProxy;
  private final @Nullable String httpProxy;
  private final @Nullable String allProxy;
  private final List<String> noProxy;

  private ProxySettings(
      @Nullable String configured,
      @Nullable String httpsProxy,
      @Nullable String httpProxy,
      @Nullable String allProxy,
      List<String> noProxy) {
    this.configured = configured;
    this.httpsProxy = httpsProxy;
    this.httpProxy = httpProxy;
    this.allProxy = allProxy;
    this.noProxy = List.copyOf(noProxy);
  }

  /**
   * Reads the proxy variables of {@code env}.
   *
   * @param configured the builder's proxy, else git's {@code http.proxy}, else null
   * @param extraNoProxy the builder's {@code no_proxy}-style list, or null
   * @throws IllegalArgumentException if {@code configured} is not a valid proxy URL
   */
  static ProxySettings of(
      Map<String, String> env, @Nullable String configured, @Nullable String extraNoProxy) {
    if (configured != null && !configured.isBlank()) {
      HttpProxy.parse(configured); // fail early, at build time
    }
    List<String> no = new ArrayList<>(hosts(variable(env, "no_proxy")));
    no.addAll(hosts(extraNoProxy));
    return new ProxySettings(
        configured,
        variable(env, "https_proxy"),
        variable(env, "http_proxy"),
        variable(env, "all_proxy"),
        no);
  }

  /** Returns how a request to {@code url} goes out. */
  Route route(URL url) {
    String scheme = url.getProtocol().toLowerCase(Locale.ROOT);
    String spec = configured;
    if (spec == null) {
      spec = scheme.equals("https") ? httpsProxy : scheme.equals("http") ? httpProxy : null;
      if (spec == null) {
        spec = allProxy;
      }
    }
    if (spec == null) {
      return new JvmDefault();
    }
    if (spec.isBlank() || bypassed(url)) {
      return new Direct();
    }
    try {
      return new Via(HttpProxy.parse(spec));
    } catch (IllegalArgumentException e) {
      log.warn("ignoring the proxy setting: {}", e.getMessage());
      return new JvmDefault();
    }
  }

  /** Whether {@code no_proxy} names the host of {@code url}. */
  boolean bypassed(URL url) {
    String host = url.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = url.getPort() < 0 ? url.getDefaultPort() : url.getPort();
    for (String entry : noProxy) {
      if (entry.equals("*")) {
        return true;
      }
      String name = entry;
      int entryPort = -1;
      int colon = entry.lastIndexOf(':');
      if (colon > 0 && entry.indexOf(':') == colon && entry.substring(colon + 1).matches("\\d+")) {
        name = entry.substring(0, colon);
        entryPort = Integer.parseInt(entry.substring(colon + 1));
      }
      if (name.startsWith("[") && name.endsWith("]")) {
        name = name.substring(1, name.length() - 1);
      }
      while (name.startsWith(".") || name.startsWith("*.")) {
        name = name.substring(name.indexOf('.') + 1);
      }
      boolean hostMatches = host.equals(name) || host.endsWith("." + name);
      if (hostMatches && (entryPort < 0 || entryPort == port)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable String variable(Map<String, String> env, String lower) {
    String v = env.get(lower);
    if (v == null || v.isBlank()) {
      v = env.get(lower.toUpperCase(Locale.ROOT));
    }
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static List<String> hosts(@Nullable String list) {
    List<String> out = new ArrayList<>();
    if (list != null) {
      for (String h : list.split("[,\\s]+")) {
        if (!h.isBlank()) {
          out.add(h.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "ProxySettings[no_proxy=" + noProxy + "]";
  }
}
