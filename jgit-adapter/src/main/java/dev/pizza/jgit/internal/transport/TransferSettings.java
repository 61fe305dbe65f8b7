package dev.pizza.jgit.internal.transport;

import dev.pizza.RepositoryUrl;
import dev.pizza.UrlCredentials;
import dev.pizza.jgit.PasswordCredentials;
import dev.pizza.jgit.RemoteCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.jspecify.annotations.Nullable;

/**
 * How transfers talk to servers.
 *
 * @param timeout how long connecting, and each read or write, may wait for the server
 * @param credentials the provider consulted when the URL carries no password
 * @param sshDirectory the SSH client's directory (default identities, {@code known_hosts}), or null
 *     for the user's {@code ~/.ssh}
 * @param knownHosts the files of trusted SSH host keys, or empty for the ssh config's or the SSH
 *     directory's
 * @param sshKeys private key files offered instead of the SSH directory's default identities
 * @param acceptNewHostKeys whether an SSH host key not yet known is trusted and recorded
 * @param sshAgent whether keys of the ssh agent ({@code SSH_AUTH_SOCK}) are offered
 * @param treeless whether new mirrors are cloned without trees and blobs (filter {@code tree:0})
 * @param http trust and proxies for HTTP(S)
 */
public record TransferSettings(
    Duration timeout,
    RemoteCredentials credentials,
    @Nullable Path sshDirectory,
    List<Path> knownHosts,
    List<Path> sshKeys,
    boolean acceptNewHostKeys,
    boolean sshAgent,
    boolean treeless,
    HttpSettings http) {

  public TransferSettings {
    knownHosts = List.copyOf(knownHosts);
    sshKeys = List.copyOf(sshKeys);
  }

  int timeoutSeconds() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
  }

  /**
   * Sets up {@code transport} to reach {@code url} as every connection of a transfer must: through
   * {@code ssh} for SSH, and through the HTTP settings (trust, proxies, redirect rule) for HTTP.
   * The one place that does so, so that no connection bypasses a proxy or a redirect rule.
   */
  void configure(Transport transport, RepositoryUrl url, @Nullable SshdSessionFactory ssh) {
    if (ssh != null && transport instanceof SshTransport s) {
      s.setSshSessionFactory(ssh);
    }
    if (transport instanceof TransportHttp h) {
      h.setHttpConnectionFactory(http.connections(url));
    }
  }

  /**
   * Returns the credentials for {@code url} as JGit wants them: those the URL carried, else the
   * provider's, else null.
   */
  @Nullable CredentialsProvider credentialsFor(RepositoryUrl url) {
    UrlCredentials c = url.credentials().orElse(null);
    if (c != null && c.password() != null) {
      return new SecretCredentialsProvider(c.user(), c.password());
    }
    PasswordCredentials p = credentials.password(url).orElse(null);
    if (p != null) {
      return new SecretCredentialsProvider(p.user(), p.secret());
    }
    if (c != null && !c.user().isEmpty() && !url.toString().startsWith("ssh://")) {
      // A bare user name over https is usually a token (https://TOKEN@host/...).
      return new SecretCredentialsProvider(c.user(), "");
    }
    return null;
  }
}
