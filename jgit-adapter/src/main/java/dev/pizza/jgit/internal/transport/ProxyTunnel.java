package dev.pizza.jgit.internal.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens TLS connections through an HTTP proxy's {@code CONNECT} tunnel, with the proxy's Basic
 * credentials sent up front.
 *
 * <p>Why not the JDK's own tunnelling: {@link java.net.HttpURLConnection} (and {@code
 * java.net.http}) refuse Basic proxy authentication for tunnels unless the JVM was started with
 * {@code -Djdk.http.auth.tunneling.disabledSchemes=}, and take proxy credentials only from the
 * JVM-global {@link java.net.Authenticator}. So the connection is told to go direct, and this
 * factory's unconnected socket connects to the proxy instead and asks it for the tunnel; the JDK
 * then layers TLS on that socket through {@link #createSocket(Socket, String, int, boolean)}, with
 * its usual certificate and host name checks against the real server.
 */
final class ProxyTunnel extends SSLSocketFactory {
  private static final int MAX_HEADER = 16 * 1024;

  private final SSLSocketFactory tls;
  private final HttpProxy proxy;

  ProxyTunnel(SSLSocketFactory tls, HttpProxy proxy) {
    this.tls = tls;
    this.proxy = proxy;
  }

  /** An unconnected socket that, once connected, is a tunnel to the address it was given. */
  @Override
  public Socket createSocket() {
    return new TunnelSocket();
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose)
      throws IOException {
    return tls.createSocket(s, host, port, autoClose);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket s = new TunnelSocket();
    s.connect(InetSocketAddress.createUnresolved(host, port));
    return tls.createSocket(s, host, port, true);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return createSocket(host.getHostAddress(), port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return createSocket(address.getHostAddress(), port);
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return tls.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return tls.getSupportedCipherSuites();
  }

  /** A plain socket to the proxy that asks for a tunnel when connected. */
  private final class TunnelSocket extends Socket {
    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (!(endpoint instanceof InetSocketAddress target)) {
        throw new IOException("cannot tunnel to " + endpoint.getClass().getSimpleName());
      }
      try {
        super.connect(new InetSocketAddress(proxy.host(), proxy.port()), timeout);
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException e) {
        throw new HttpRouteException(
            HttpRouteException.Kind.PROXY_UNREACHABLE, "cannot reach the proxy " + proxy, e);
      }
      if (timeout > 0) {
        setSoTimeout(timeout);
      }
      // The host as given, unresolved here: behind a proxy it may not resolve locally.
      String authority = hostForRequest(target.getHostString()) + ":" + target.getPort();
      StringBuilder request = new StringBuilder();
      request.append("CONNECT ").append(authority).append(" HTTP/1.1\r\n");
      request.append("Host: ").append(authority).append("\r\n");
      String auth = proxy.basicAuthorization();
      if (auth != null) {
        request.append("Proxy-Authorization: ").append(auth).append("\r\n");
      }
      request.append("\r\n");
      OutputStream out = getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      int status = readStatus(getInputStream());
      setSoTimeout(0);
      if (status == 200) {
        return;
      }
      close();
      if (status == 407) {
        throw new HttpRouteException(
            HttpRouteException.Kind.PROXY_AUTHENTICATION,
            "the proxy "
                + proxy
                + (auth == null
                    ? " requires credentials; give them in the proxy URL"
                    : " refused the credentials of the proxy URL")
                + " (HTTP 407)",
            null);
      }
      throw new HttpRouteException(
          HttpRouteException.Kind.PROXY_REFUSED,
          "the proxy "
              + proxy
              + " refused to open a tunnel to "
              + authority
              + " (HTTP "
              + status
              + ")",
          null);
    }
  }

  private static String hostForRequest(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /**
   * Reads the proxy's answer up to its blank line, one byte at a time so that nothing of the TLS
   * handshake after it is consumed, and returns its status code.
   */
  private int readStatus(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new HttpRouteException(
            HttpRouteException.Kind.PROXY_REFUSED,
            "the proxy " + proxy + " closed the connection instead of opening a tunnel",
            null);
      }
      head.write(b);
      if (head.size() > MAX_HEADER) {
        throw new HttpRouteException(
            HttpRouteException.Kind.PROXY_REFUSED,
            "the proxy " + proxy + " sent an answer too long for a tunnel",
            null);
      }
      if ((matched % 2 == 0 && b == '\r') || (matched % 2 == 1 && b == '\n')) {
        matched++;
      } else {
        matched = b == '\r' ? 1 : 0;
      }
    }
    String first = head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
    String[] parts = first.split(" ");
    if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
      throw new HttpRouteException(
          HttpRouteException.Kind.PROXY_REFUSED,
          "the proxy " + proxy + " sent no valid HTTP answer to CONNECT",
          null);
    }
    return Integer.parseInt(parts[1]);
  }

  @Override
  public String toString() {
    return "ProxyTunnel[" + proxy + "]";
  }
}
