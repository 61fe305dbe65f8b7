package dev.pizza.jgit.internal.transport;

import dev.pizza.RepositoryUrl;
import dev.pizza.jgit.RemoteCredentials;
import java.nio.file.Path;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.jspecify.annotations.Nullable;

/**
 * Answers the SSH client's request for the passphrase of an encrypted private key file with what
 * {@link RemoteCredentials#sshKeyPassphrase} gives, once per key: there is no one to ask again, so
 * a wrong passphrase fails the key at once. The passphrase is never logged.
 */
final class SshKeyPassphrases implements KeyPasswordProvider {
  private final RemoteCredentials credentials;
  private final RepositoryUrl url;
  private final SshRefusals refusals;
  private int attempts = 1;

  SshKeyPassphrases(RemoteCredentials credentials, RepositoryUrl url, SshRefusals refusals) {
    this.credentials = credentials;
    this.url = url;
    this.refusals = refusals;
  }

  @Override
  public char @Nullable [] getPassphrase(URIish uri, int attempt) {
    if (attempt > 0) {
      return null;
    }
    String path = uri.getPath();
    if (path == null) {
      return null;
    }
    String passphrase = credentials.sshKeyPassphrase(url, Path.of(path)).orElse(null);
    if (passphrase == null) {
      refusals.keyNotUnlocked(Path.of(path), false);
      return null;
    }
    return passphrase.toCharArray();
  }

  @Override
  public void setAttempts(int attempts) {
    this.attempts = Math.max(1, attempts);
  }

  @Override
  public int getAttempts() {
    return attempts;
  }

  @Override
  public boolean keyLoaded(URIish uri, int attempt, @Nullable Exception error) {
    String path = uri.getPath();
    if (error != null && path != null) {
      refusals.keyNotUnlocked(Path.of(path), true);
    }
    return false;
  }

  @Override
  public String toString() {
    return "SshKeyPassphrases[" + url + "]";
  }
}
