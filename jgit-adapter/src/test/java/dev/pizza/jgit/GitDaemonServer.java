package dev.pizza.jgit;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.transport.resolver.FileResolver;

/** A real {@code git://} server on loopback: JGit's in-process daemon exporting a directory. */
final class GitDaemonServer implements AutoCloseable {
  private final Daemon daemon;

  GitDaemonServer(Path base) throws Exception {
    daemon = new Daemon(new InetSocketAddress("127.0.0.1", 0));
    daemon.setRepositoryResolver(new FileResolver<>(new File(base.toString()), true));
    daemon.setTimeout(30);
    daemon.start();
  }

  /** Returns the URL of repository {@code name} (a directory under the base). */
  String url(String name) {
    return "git://127.0.0.1:" + daemon.getAddress().getPort() + "/" + name;
  }

  @Override
  public void close() throws Exception {
    daemon.stopAndWait();
  }
}
