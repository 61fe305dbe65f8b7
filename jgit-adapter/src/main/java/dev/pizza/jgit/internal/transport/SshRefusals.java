package dev.pizza.jgit.internal.transport;

import dev.pizza.RepositoryUrl;
import dev.pizza.errors.AuthenticationException;
import dev.pizza.errors.PizzaException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * What the SSH client of one transfer refused or could not do, noted as it happens so that the
 * failure can say it: JGit reports both a refused host key and a key it could not unlock only as a
 * closed connection or a failed authentication. Holds no secret: key files are named by path.
 */
final class SshRefusals {
  private volatile @Nullable String hostKey;
  private final List<String> keys = new CopyOnWriteArrayList<>();

  /** Notes that the server's host key was refused, for the reason {@code message}. */
  void hostKeyRefused(String message) {
    hostKey = message;
  }

  /**
   * Notes that the encrypted key {@code file} could not be unlocked.
   *
   * @param given whether a passphrase was given (then it was wrong, or the file unreadable)
   */
  void keyNotUnlocked(Path file, boolean given) {
    keys.add(
        given
            ? "the key " + file + " could not be unlocked with the passphrase given"
            : "the key "
                + file
                + " is encrypted and no passphrase was given (RemoteCredentials#sshKeyPassphrase)");
  }

  /**
   * Returns the failure to report instead of {@code failure}: the refused host key, or an
   * authentication failure that also names the keys that could not be unlocked; else {@code
   * failure}.
   */
  PizzaException explain(PizzaException failure, RepositoryUrl url) {
    String h = hostKey;
    if (h != null) {
      return new AuthenticationException(h + " (connecting to " + url + ")");
    }
    if (failure instanceof AuthenticationException && !keys.isEmpty()) {
      return new AuthenticationException(
          failure.getMessage() + "; " + String.join("; ", keys), failure.getCause());
    }
    return failure;
  }
}
