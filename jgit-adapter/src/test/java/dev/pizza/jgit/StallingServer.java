package dev.pizza.jgit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on loopback that misbehaves below the git protocol: it accepts connections and then
 * either never says anything, or says garbage and hangs up.
 */
final class StallingServer implements AutoCloseable {
  private final ServerSocket socket;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  StallingServer(boolean garbage) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    acceptor =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  Socket s = socket.accept();
                  accepted.add(s);
                  if (garbage) {
                    byte[] junk = new byte[2048];
                    new Random(7).nextBytes(junk);
                    s.getOutputStream().write(junk);
                    s.getOutputStream().flush();
                    s.close();
                  }
                } catch (IOException e) {
                  return;
                }
              }
            },
            "test-stalling-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  int connections() {
    return accepted.size();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : accepted) {
      s.close();
    }
  }
}
