package dev.pizza.jgit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A forward proxy on loopback that opens {@code CONNECT} tunnels, as a company proxy does for
 * HTTPS; it records each request line, and can demand Basic credentials (answering 407 without
 * them).
 */
final class ConnectProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  /** The request lines seen, such as {@code CONNECT 127.0.0.1:4321 HTTP/1.1}. */
  final List<String> requests = new CopyOnWriteArrayList<>();

  /** The decoded {@code user:password} of each request that sent credentials. */
  final List<String> credentials = new CopyOnWriteArrayList<>();

  private volatile String required;

  ConnectProxy() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    executor.execute(this::accept);
  }

  /** Demands these Basic credentials from now on. */
  ConnectProxy requireBasic(String user, String password) {
    this.required = user + ":" + password;
    return this;
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The proxy's URL, with {@code userInfo@} when given. */
  String url(String userInfo) {
    return "http://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + port();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        open.add(client);
        executor.execute(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      String head = readHead(in);
      String[] lines = head.split("\r\n");
      requests.add(lines[0]);
      String auth = null;
      for (String l : lines) {
        if (l.toLowerCase().startsWith("proxy-authorization: basic ")) {
          auth =
              new String(
                  Base64.getDecoder().decode(l.substring(27).trim()), StandardCharsets.UTF_8);
          credentials.add(auth);
        }
      }
      String[] parts = lines[0].split(" ");
      if (!parts[0].equals("CONNECT")) {
        out.write("HTTP/1.1 405 Method Not Allowed\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      if (required != null && !required.equals(auth)) {
        out.write(
            ("HTTP/1.1 407 Proxy Authentication Required\r\n"
                    + "Proxy-Authenticate: Basic realm=\"pizza-proxy\"\r\n"
                    + "Content-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return;
      }
      String target = parts[1];
      int colon = target.lastIndexOf(':');
      try (Socket server =
          new Socket(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)))) {
        open.add(server);
        out.write(
            "HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        executor.execute(() -> pipe(server, client));
        pipe(client, server);
      }
    } catch (IOException e) {
      // the client or server went away
    }
  }

  private static void pipe(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      // closed
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      String s = b.toString(StandardCharsets.ISO_8859_1);
      if (s.endsWith("\r\n\r\n")) {
        return s;
      }
    }
    throw new IOException("the client closed before its request ended");
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : open) {
      s.close();
    }
    executor.shutdownNow();
  }
}
