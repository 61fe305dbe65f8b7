package dev.pizza.jgit.internal.transport;

import dev.pizza.RepositoryUrl;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.jspecify.annotations.Nullable;

/**
 * Asks a server whose transfer just failed for no clear reason whether it serves SHA-256 objects.
 * Over protocol v2 (JGit's default) a SHA-256 server answers JGit's SHA-1 request with nothing, so
 * the failure is an unexplained end of stream; its protocol v0 ref advertisement, which this probe
 * asks for, names every ref with a 64-digit id, which JGit refuses in words that say so. Costs one
 * more connection, and only after a failure.
 */
final class FormatProbe {
  private FormatProbe() {}

  /** Returns whether the server of {@code url} advertises SHA-256 ids; false if it cannot tell. */
  static boolean servesSha256(
      RepositoryUrl url, TransferSettings settings, @Nullable SshdSessionFactory ssh) {
    if (url.kind() != RepositoryUrl.Kind.REMOTE) {
      return false;
    }
    InMemoryRepository local = new InMemoryRepository(new DfsRepositoryDescription("pizza-probe"));
    try {
      local.getConfig().setInt("protocol", null, "version", 0);
      try (Transport t = Transport.open(local, url.transportUrl())) {
        t.setTimeout(settings.timeoutSeconds());
        t.setCredentialsProvider(settings.credentialsFor(url));
        settings.configure(t, url, ssh);
        try (FetchConnection c = t.openFetch()) {
          return false; // an advertisement JGit could read: SHA-1
        }
      }
    } catch (Exception e) {
      return TransferFailures.advertisesSha256(e);
    } finally {
      local.close();
    }
  }
}
