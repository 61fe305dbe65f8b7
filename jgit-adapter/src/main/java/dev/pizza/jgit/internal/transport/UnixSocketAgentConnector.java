package dev.pizza.jgit.internal.transport;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.eclipse.jgit.transport.sshd.agent.AbstractConnector;
import org.jspecify.annotations.Nullable;

/**
 * One connection to an ssh agent over a Unix domain socket, with the JDK's own socket channels.
 * Messages are framed by {@link AbstractConnector}: a 4-byte length, the command, the payload.
 */
final class UnixSocketAgentConnector extends AbstractConnector {
  private final @Nullable Path socket;
  private @Nullable SocketChannel channel;

  UnixSocketAgentConnector(@Nullable Path socket) {
    this.socket = socket;
  }

  @Override
  public synchronized boolean connect() throws IOException {
    if (channel != null) {
      return true;
    }
    if (socket == null) {
      return false;
    }
    SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      c.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      c.close();
      throw new IOException("cannot connect to the ssh agent at " + socket, e);
    }
    channel = c;
    return true;
  }

  @Override
  public synchronized byte[] rpc(byte command, byte[] message) throws IOException {
    SocketChannel c = channel;
    if (c == null) {
      throw new IOException("not connected to the ssh agent");
    }
    prepareMessage(command, message);
    ByteBuffer out = ByteBuffer.wrap(message);
    while (out.hasRemaining()) {
      c.write(out);
    }
    byte[] length = new byte[4];
    readFully(c, length);
    byte[] reply = new byte[toLength(command, length)];
    readFully(c, reply);
    return reply;
  }

  private static void readFully(SocketChannel c, byte[] into) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(into);
    while (in.hasRemaining()) {
      if (c.read(in) < 0) {
        throw new EOFException("the ssh agent closed the connection");
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    SocketChannel c = channel;
    channel = null;
    if (c != null) {
      c.close();
    }
  }
}
