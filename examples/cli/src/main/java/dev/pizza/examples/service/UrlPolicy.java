package dev.pizza.examples.service;

import dev.pizza.RepositoryUrl;
import dev.pizza.errors.InvalidRepositoryUrlException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a caller's bake URL may be fetched, so that a URL cannot make the service probe
 * its own network (server-side request forgery) or keep someone's password.
 *
 * <p>Refused: local paths and {@code file://} URLs; user info ({@code user:token@}, credentials
 * come from the service's configuration instead); hosts outside {@code --allow-host} when that is
 * given; and, unless the private network is allowed, a host any of whose addresses is loopback,
 * private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), link-local (169.254/16 with the cloud
 * metadata address, fe80::/10), unspecified, multicast or broadcast. The host is resolved and every
 * address it resolves to is checked.
 *
 * <p>Limit (DNS rebinding): JGit resolves the host again when it connects. The check runs when the
 * request is accepted and again just before each bake, which narrows the window but cannot close it
 * for a name whose answers change between the check and the connection; a deployment exposed to
 * hostile callers should also restrict outbound traffic at the network layer, or name the hosts it
 * serves with {@code --allow-host}. An HTTP redirect to another server is followed only when its
 * host passes the same rules ({@link #allowsRedirect}).
 */
final class UrlPolicy {
  private final Set<String> allowedHosts;
  private final boolean allowPrivateNetwork;
  private final Resolver resolver;

  /** Resolves a host name to its addresses (the system's resolver, or a test's). */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  UrlPolicy(Set<String> allowedHosts, boolean allowPrivateNetwork) {
    this(allowedHosts, allowPrivateNetwork, InetAddress::getAllByName);
  }

  UrlPolicy(Set<String> allowedHosts, boolean allowPrivateNetwork, Resolver resolver) {
    this.allowedHosts = Set.copyOf(allowedHosts);
    this.allowPrivateNetwork = allowPrivateNetwork;
    this.resolver = resolver;
  }

  /**
   * Parses {@code text} and checks it.
   *
   * @throws RefusedRequestException (400) saying why it is refused
   */
  RepositoryUrl check(String text) throws RefusedRequestException {
    RepositoryUrl url;
    try {
      url = RepositoryUrl.parse(text);
    } catch (InvalidRepositoryUrlException e) {
      throw refused(String.valueOf(e.getMessage()));
    }
    if (url.kind() != RepositoryUrl.Kind.REMOTE) {
      throw refused("local paths and file:// URLs are not served: " + url);
    }
    if (url.credentials().isPresent()) {
      throw refused(
          "user info in a URL is refused (the service would keep it); "
              + "the service's configuration holds tokens per host: "
              + url);
    }
    checkHost(url);
    return url;
  }

  /**
   * Checks the host of an already parsed URL again (just before a bake: DNS answers may change).
   *
   * @throws RefusedRequestException (400) saying why it is refused
   */
  void checkHost(RepositoryUrl url) throws RefusedRequestException {
    checkHost(host(url), url.toString());
  }

  /**
   * Returns whether an HTTP redirect to another server may be followed: its host passes the same
   * rules (given to {@link dev.pizza.jgit.JGitBackendBuilder#redirects}).
   */
  boolean allowsRedirect(URI target) {
    String host = target.getHost();
    if (host == null) {
      return false;
    }
    try {
      checkHost(host.toLowerCase(Locale.ROOT), "a redirect");
      return true;
    } catch (RefusedRequestException e) {
      return false;
    }
  }

  private void checkHost(String host, String url) throws RefusedRequestException {
    if (!allowedHosts.isEmpty() && !allowedHosts.contains(host)) {
      throw refused("the host " + host + " is not among the allowed hosts (--allow-host): " + url);
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(bare);
    } catch (UnknownHostException e) {
      throw refused("cannot resolve the host " + host + ": " + url);
    }
    if (addresses.length == 0) {
      throw refused("the host " + host + " has no address: " + url);
    }
    if (allowPrivateNetwork) {
      return;
    }
    for (InetAddress a : addresses) {
      String why = internal(a);
      if (why != null) {
        throw refused(
            "the host "
                + host
                + " resolves to a "
                + why
                + " address, which the service does not reach"
                + " (--allow-private-network): "
                + url);
      }
    }
  }

  /** Returns the URL's host in lowercase ({@code [v6]} keeps its brackets). */
  static String host(RepositoryUrl url) {
    // The normalized form is scheme://host[:port]/path, without user info.
    String s = url.toString();
    int start = s.indexOf("://") + 3;
    int end = s.indexOf('/', start);
    String authority = end < 0 ? s.substring(start) : s.substring(start, end);
    int colon =
        authority.startsWith("[")
            ? authority.indexOf(':', authority.indexOf(']'))
            : authority.lastIndexOf(':');
    String h = colon < 0 ? authority : authority.substring(0, colon);
    return h.toLowerCase(Locale.ROOT);
  }

  /** Returns what kind of internal address {@code a} is, or null for a public one. */
  static @org.jspecify.annotations.Nullable String internal(InetAddress a) {
    if (a.isLoopbackAddress()) {
      return "loopback";
    }
    if (a.isAnyLocalAddress()) {
      return "unspecified";
    }
    if (a.isLinkLocalAddress()) {
      return "link-local";
    }
    if (a.isSiteLocalAddress()) {
      return "private";
    }
    if (a.isMulticastAddress()) {
      return "multicast";
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 0) {
        return "unspecified";
      }
      if (first == 100 && (second & 0xc0) == 64) {
        return "shared (carrier-grade NAT)";
      }
      if (first == 169 && second == 254) {
        return "link-local";
      }
      if (first == 255) {
        return "broadcast";
      }
      if (first >= 240) {
        return "reserved";
      }
    } else if (a instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {
        return "private (unique local)";
      }
      if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
        return "link-local";
      }
      if (isMappedOrCompatible(b)) {
        return "IPv4-embedded";
      }
    }
    return null;
  }

  /** ::ffff:a.b.c.d and ::a.b.c.d, which the JDK does not always convert. */
  private static boolean isMappedOrCompatible(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff);
  }

  private static RefusedRequestException refused(String message) {
    return new RefusedRequestException(400, message);
  }
}
