package dev.pizza.jgit;

import dev.pizza.RepositoryUrl;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Supplies the credentials of a transfer, per repository: a password or token for HTTP(S) (and SSH
 * password authentication), key pairs for SSH, and passphrases of encrypted SSH key files.
 * Configured on {@link JGitBackendBuilder#credentials}. Credentials carried in the URL itself
 * ({@code https://user:token@host/...}) take precedence over the provider's.
 *
 * <p>Called from baking threads, possibly at once: implementations are thread safe. What they
 * return is used for one transfer and never logged, recorded or put in an exception.
 */
public interface RemoteCredentials {
  /** A provider that has no credentials for any repository. */
  RemoteCredentials NONE = new RemoteCredentials() {};

  /**
   * Returns the password or token to present for {@code url}, if any. The default has none.
   *
   * @param url the repository, without credentials ({@code url.toString()} names its host)
   */
  default Optional<PasswordCredentials> password(RepositoryUrl url) {
    return Optional.empty();
  }

  /**
   * Returns the key pairs to offer to the SSH server of {@code url}, tried in order. When empty,
   * the SSH client falls back to the default identities of its SSH directory. The default is empty.
   */
  default List<KeyPair> sshKeys(RepositoryUrl url) {
    return List.of();
  }

  /**
   * Returns the passphrase of the encrypted private key file {@code keyFile} (named by the ssh
   * config's {@code IdentityFile}, by {@link JGitBackendBuilder#sshKey}, or a default identity such
   * as {@code ~/.ssh/id_ed25519}) when connecting for {@code url}. It is asked once per key and
   * transfer; without one, or with a wrong one, the key is not offered. The default has none.
   */
  default Optional<String> sshKeyPassphrase(RepositoryUrl url, Path keyFile) {
    return Optional.empty();
  }

  /** Returns a builder of credentials chosen by the repository's host name. */
  static PerHost perHost() {
    return new PerHost();
  }

  /**
   * Builds a {@link RemoteCredentials} that picks credentials by host name (case-insensitive, port
   * ignored). Not thread safe; the provider it builds is immutable.
   */
  final class PerHost {
    private final Map<String, PasswordCredentials> passwords = new HashMap<>();
    private final Map<String, List<KeyPair>> keys = new HashMap<>();
    private final Map<Path, String> passphrases = new HashMap<>();

    private PerHost() {}

    /** Presents {@code user} and {@code secret} (a password or token) to {@code host}. */
    public PerHost password(String host, String user, String secret) {
      passwords.put(host.toLowerCase(Locale.ROOT), new PasswordCredentials(user, secret));
      return this;
    }

    /** Offers {@code key} to the SSH server at {@code host}, after keys added before it. */
    public PerHost sshKey(String host, KeyPair key) {
      keys.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new ArrayList<>())
          .add(Objects.requireNonNull(key));
      return this;
    }

    /**
     * Unlocks the encrypted private key file {@code keyFile} with {@code passphrase}, whatever the
     * host.
     */
    public PerHost sshKeyPassphrase(Path keyFile, String passphrase) {
      passphrases.put(keyFile.toAbsolutePath().normalize(), Objects.requireNonNull(passphrase));
      return this;
    }

    /** Returns the provider. */
    public RemoteCredentials build() {
      Map<String, PasswordCredentials> p = Map.copyOf(passwords);
      Map<Path, String> unlock = Map.copyOf(passphrases);
      Map<String, List<KeyPair>> k = new HashMap<>();
      keys.forEach((h, l) -> k.put(h, List.copyOf(l)));
      Map<String, List<KeyPair>> frozen = Map.copyOf(k);
      return new RemoteCredentials() {
        @Override
        public Optional<PasswordCredentials> password(RepositoryUrl url) {
          return Optional.ofNullable(p.get(Hosts.of(url)));
        }

        @Override
        public List<KeyPair> sshKeys(RepositoryUrl url) {
          return frozen.getOrDefault(Hosts.of(url), List.of());
        }

        @Override
        public Optional<String> sshKeyPassphrase(RepositoryUrl url, Path keyFile) {
          return Optional.ofNullable(unlock.get(keyFile.toAbsolutePath().normalize()));
        }

        @Override
        public String toString() {
          return "RemoteCredentials.perHost["
              + p.size()
              + " passwords, "
              + frozen.size()
              + " hosts with keys, "
              + unlock.size()
              + " key passphrases]";
        }
      };
    }
  }
}
