package dev.pizza.jgit.internal.transport;

import dev.pizza.RepositoryUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP proxy as git and curl name it: {@code [http://][user[:password]@]host[:port]}, port 1080
 * when none is given (curl's default). User and password are percent-decoded. They never appear in
 * {@link #toString()} or in a message.
 */
record HttpProxy(String host, int port, @Nullable String user, @Nullable String password) {

  /** curl's default proxy port. */
  static final int DEFAULT_PORT = 1080;

  /**
   * Parses {@code spec}.
   *
   * @throws IllegalArgumentException if it is not an {@code http://} proxy URL; the message holds
   *     the URL with any user info hidden
   */
  static HttpProxy parse(String spec) {
    String s = spec.strip();
    if (!s.contains("://")) {
      s = "http://" + s;
    }
    URI u;
    try {
      u = new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid proxy URL '" + RepositoryUrl.redact(spec) + "'");
    }
    String scheme = String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw new IllegalArgumentException(
          "unsupported proxy '"
              + RepositoryUrl.redact(spec)
              + "': only http:// proxies are supported (not "
              + scheme
              + "://)");
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw new IllegalArgumentException(
          "invalid proxy URL '" + RepositoryUrl.redact(spec) + "': no host");
    }
    String user = null;
    String password = null;
    String info = u.getUserInfo();
    if (info != null && !info.isEmpty()) {
      int colon = info.indexOf(':');
      user = colon < 0 ? info : info.substring(0, colon);
      password = colon < 0 ? "" : info.substring(colon + 1);
    }
    String host = u.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new HttpProxy(host, u.getPort() < 0 ? DEFAULT_PORT : u.getPort(), user, password);
  }

  /** Returns the value of a {@code Proxy-Authorization} header, or null without credentials. */
  @Nullable String basicAuthorization() {
    if (user == null) {
      return null;
    }
    String pair = user + ":" + (password == null ? "" : password);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "http://" + (user == null ? "" : "***@") + host + ":" + port;
  }
}
