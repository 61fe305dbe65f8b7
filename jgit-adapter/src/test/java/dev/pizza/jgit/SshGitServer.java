package dev.pizza.jgit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.util.FS;

/**
 * A real {@code ssh://} git server on loopback: Apache MINA SSHD with a host key made at test time,
 * accepting one client public key (and optionally a password), running JGit's {@link UploadPack}
 * for {@code git-upload-pack '<path>'}.
 */
final class SshGitServer implements AutoCloseable {
  private final SshServer server;
  private final KeyPair hostKey;

  SshGitServer(Path base, PublicKey clientKey, String user, String password) throws IOException {
    hostKey = newKeyPair();
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator(
        (u, key, session) -> u.equals(user) && KeyUtils.compareKeys(key, clientKey));
    if (password != null) {
      server.setPasswordAuthenticator((u, p, session) -> u.equals(user) && p.equals(password));
    }
    server.setCommandFactory((channel, command) -> new UploadPackCommand(base, command));
    server.start();
  }

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(256);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String url(String user, String name) {
    return "ssh://" + user + "@127.0.0.1:" + server.getPort() + "/" + name;
  }

  int port() {
    return server.getPort();
  }

  /** Writes a known_hosts file that trusts this server's host key. */
  Path writeKnownHosts(Path file) throws IOException {
    String line =
        "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    Files.write(file, List.of(line));
    return file;
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  private static final class UploadPackCommand implements Command, Runnable {
    private final Path base;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    UploadPackCommand(Path base, String command) {
      this.base = base;
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
      this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      Thread t = new Thread(this, "test-ssh-upload-pack");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void run() {
      int code = 0;
      try {
        if (!command.startsWith("git-upload-pack ")) {
          throw new IOException("unsupported command");
        }
        String path = command.substring("git-upload-pack ".length()).replace("'", "");
        while (path.startsWith("/")) {
          path = path.substring(1);
        }
        File dir = RepositoryCache.FileKey.resolve(new File(base.toFile(), path), FS.DETECTED);
        if (dir == null) {
          err.write(("fatal: '" + path + "' does not appear to be a git repository\n").getBytes());
          err.flush();
          code = 128;
        } else {
          try (Repository repo = RepositoryCache.FileKey.exact(dir, FS.DETECTED).open(true)) {
            new UploadPack(repo).upload(in, out, err);
          }
        }
        out.flush();
      } catch (IOException e) {
        code = 1;
      } finally {
        exit.onExit(code);
      }
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
