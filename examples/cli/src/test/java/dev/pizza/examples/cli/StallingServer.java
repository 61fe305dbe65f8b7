package dev.pizza.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that never finishes an answer: {@link Mode#SILENT} reads the request and
 * says nothing; {@link Mode#TRICKLE} starts a smart-HTTP ref advertisement and then sends one byte
 * every 200 ms, forever, so that a client's idle timeout never fires.
 */
public final class StallingServer implements AutoCloseable {
  /** How the server stalls. */
  public enum Mode {
    SILENT,
    TRICKLE
  }

  private final ServerSocket server;
  private final Mode mode;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /** Starts the server on a free loopback port. */
  public StallingServer(Mode mode) throws IOException {
    this.mode = mode;
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "stalling-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Returns the URL of a repository on this server. */
  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/slow/repo.git";
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        clients.add(s);
        Thread t = new Thread(() -> serve(s), "stalling-client");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      readHeaders(in);
      if (mode == Mode.SILENT) {
        while (in.read() >= 0) {
          // hold the connection open, answer nothing
        }
        return;
      }
      OutputStream out = s.getOutputStream();
      out.write(
          ("HTTP/1.1 200 OK\r\n"
                  + "Content-Type: application/x-git-upload-pack-advertisement\r\n"
                  + "Cache-Control: no-cache\r\n"
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] start = "001e# service=git-upload-pack\n0000fff0".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; ; i++) {
        out.write(i < start.length ? start[i] : 'x');
        out.flush();
        Thread.sleep(200);
      }
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void readHeaders(InputStream in) throws IOException {
    int state = 0;
    int c;
    while (state < 4 && (c = in.read()) >= 0) {
      state = (c == '\r' && state % 2 == 0) || (c == '\n' && state % 2 == 1) ? state + 1 : 0;
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : clients) {
      s.close();
    }
  }
}
