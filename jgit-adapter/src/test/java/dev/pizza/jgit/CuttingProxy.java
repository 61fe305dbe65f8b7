package dev.pizza.jgit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on loopback in front of another loopback server. Passes everything through until told
 * to {@link #cutAfter} N bytes: then every connection forwards the first N bytes of the server's
 * answer and closes, as a broken middlebox or a dropped link would.
 */
final class CuttingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private volatile long limit = Long.MAX_VALUE;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  CuttingProxy(int targetPort) throws IOException {
    this.target = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  /**
   * From now on, forwards only the first {@code bytes} of each connection's answer. Open
   * connections are closed, so a client's pooled keep-alive connection is not let through whole.
   */
  void cutAfter(long bytes) {
    limit = bytes;
    closeOpen();
  }

  /** From now on, forwards everything. */
  void passThrough() {
    limit = Long.MAX_VALUE;
    closeOpen();
  }

  private void closeOpen() {
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    open.clear();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target));
        open.add(client);
        open.add(server);
        long cut = limit;
        threads.execute(() -> pump(client, server, Long.MAX_VALUE));
        threads.execute(() -> pump(server, client, cut));
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Copies {@code from} to {@code to} up to {@code max} bytes, then closes both sockets. */
  private static void pump(Socket from, Socket to, long max) {
    try (from;
        to) {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buf = new byte[8192];
      long sent = 0;
      int n;
      while (sent < max && (n = in.read(buf, 0, (int) Math.min(buf.length, max - sent))) > 0) {
        out.write(buf, 0, n);
        out.flush();
        sent += n;
      }
    } catch (IOException e) {
      // the other direction closed the sockets
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    threads.shutdownNow();
  }
}
