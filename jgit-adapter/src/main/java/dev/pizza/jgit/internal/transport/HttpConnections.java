package dev.pizza.jgit.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.security.SecureRandom;
import java.util.Locale;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.JDKHttpConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection factory one JGit HTTP transport uses ({@link
 * org.eclipse.jgit.transport.TransportHttp#setHttpConnectionFactory}, set per transfer, so nothing
 * JVM-global changes): each connection gets the backend's trust and proxy route.
 *
 * <p>It takes over from JGit: the proxy JGit picked from the JVM-global {@link
 * java.net.ProxySelector#getDefault()} is used only when none of the backend's proxy settings
 * speaks about the URL; JGit's own switch to "trust everything" (its {@code http.sslVerify}, read
 * from the user's git config whether or not the host asked for that) is ignored, because the
 * backend decides verification itself. Redirects, which JGit follows itself ({@code
 * http.followRedirects}, by default on the first request), are followed only within the scheme of
 * the repository's URL, and the repository's credentials are not sent to another server a redirect
 * leads to (as curl does not).
 */
final class HttpConnections implements HttpConnectionFactory {
  private static final Logger log = LoggerFactory.getLogger(HttpConnections.class);

  private final HttpSettings settings;
  private final String scheme;
  private final String authority;

  /**
   * @param repository the repository's URL, without credentials
   */
  HttpConnections(HttpSettings settings, URI repository) {
    this.settings = settings;
    this.scheme = String.valueOf(repository.getScheme()).toLowerCase(Locale.ROOT);
    this.authority = authority(repository.getHost(), repository.getPort(), scheme);
  }

  private static String authority(@Nullable String host, int port, String scheme) {
    int p = port >= 0 ? port : scheme.equals("https") ? 443 : 80;
    return String.valueOf(host).toLowerCase(Locale.ROOT) + ":" + p;
  }

  @Override
  public HttpConnection create(URL url) throws IOException {
    return create(url, Proxy.NO_PROXY);
  }

  @Override
  public HttpConnection create(URL url, Proxy jgitProxy) throws IOException {
    String s = url.getProtocol().toLowerCase(Locale.ROOT);
    if (!s.equals(scheme)) {
      throw new HttpRouteException(
          HttpRouteException.Kind.REDIRECT_REFUSED,
          "the server redirected from "
              + scheme
              + ":// to "
              + s
              + "://; redirects are followed only within one scheme: use the "
              + s
              + ":// URL if it is the right one",
          null);
    }
    boolean sameServer = authority(url.getHost(), url.getPort(), s).equals(authority);
    if (!sameServer && !settings.redirectAllowed(withoutUserInfo(url))) {
      throw new HttpRouteException(
          HttpRouteException.Kind.REDIRECT_REFUSED,
          "the server redirected to "
              + authority(url.getHost(), url.getPort(), s)
              + ", which this backend's redirect rule refuses",
          null);
    }
    boolean https = s.equals("https");
    SSLSocketFactory tls = https ? settings.trust().socketFactory() : null;
    Proxy proxy;
    String proxyAuthorization = null;
    ProxySettings.Route route = settings.proxies().route(url);
    if (route instanceof ProxySettings.Via via) {
      log.debug("{}: through the proxy {}", url.getHost(), via.proxy());
      if (https) {
        proxy = Proxy.NO_PROXY;
        tls = settings.tunnel(via.proxy());
      } else {
        proxy =
            new Proxy(
                Proxy.Type.HTTP,
                InetSocketAddress.createUnresolved(via.proxy().host(), via.proxy().port()));
        proxyAuthorization = via.proxy().basicAuthorization();
      }
    } else if (route instanceof ProxySettings.Direct) {
      proxy = Proxy.NO_PROXY;
    } else {
      proxy = jgitProxy; // JVM-global: ProxySelector.getDefault(), as JGit chose it
    }
    HttpURLConnection c = (HttpURLConnection) url.openConnection(proxy);
    if (c instanceof HttpsURLConnection h && tls != null) {
      h.setSSLSocketFactory(tls);
      HostnameVerifier any = settings.trust().hostnameVerifier();
      if (any != null) {
        h.setHostnameVerifier(any);
      }
    }
    if (proxyAuthorization != null) {
      c.setRequestProperty("Proxy-Authorization", proxyAuthorization);
    }
    return wrap(url, c, sameServer);
  }

  private static URI withoutUserInfo(URL url) throws IOException {
    try {
      return new URI(
          url.getProtocol(), null, url.getHost(), url.getPort(), url.getPath(), null, null);
    } catch (java.net.URISyntaxException e) {
      throw new IOException("invalid redirect target", e);
    }
  }

  /**
   * Wraps {@code c} in JGit's own delegating connection. Its constructor opens the connection from
   * a URL, so the URL is given a handler that answers with {@code c}; {@code c.getURL()} stays the
   * real URL.
   *
   * @param sameServer whether {@code url} is on the repository's own server; when not (a redirect
   *     went elsewhere), the repository's credentials are not sent
   */
  private static HttpConnection wrap(URL url, HttpURLConnection c, boolean sameServer)
      throws IOException {
    URL handing =
        new URL(
            null,
            url.toExternalForm(),
            new URLStreamHandler() {
              @Override
              protected URLConnection openConnection(URL u) {
                return c;
              }
            });
    return new JDKHttpConnection(handing) {
      @Override
      public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
        log.debug("ignoring JGit's TLS configuration: the backend's trust applies");
      }

      @Override
      public void setRequestProperty(String key, String value) {
        if (!sameServer && key.equalsIgnoreCase("Authorization")) {
          log.debug("not sending the repository's credentials to the server it redirected to");
          return;
        }
        super.setRequestProperty(key, value);
      }

      @Override
      public void setHostnameVerifier(HostnameVerifier verifier) {
        log.debug("ignoring JGit's host name verifier: the backend's trust applies");
      }

      @Override
      public InputStream getInputStream() throws IOException {
        return StrictAdvertisement.check(this, super.getInputStream());
      }
    };
  }
}
