package dev.pizza.examples.cli;

import dev.pizza.RepositoryUrl;
import dev.pizza.jgit.JGitBackendBuilder;
import dev.pizza.jgit.RemoteCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How {@code pizza bake} reaches servers (a picocli mixin): SSH keys and known hosts, CA files for
 * HTTPS. The SSH directory is {@code $HOME/.ssh} and git's own HTTPS settings ({@code
 * GIT_SSL_CAINFO}, {@code http.sslCAInfo}, {@code http.sslVerify}, {@code GIT_SSL_NO_VERIFY},
 * {@code http.proxy}) and the proxy variables of the environment are honoured, as git honours them.
 * The passphrase of an encrypted key comes from {@value #PASSPHRASE}, never from an option, and is
 * never printed.
 */
final class TransportOptions {
  /** The environment variable that holds the passphrase of encrypted SSH keys. */
  static final String PASSPHRASE = "PIZZA_SSH_KEY_PASSPHRASE";

  @Option(
      names = "--ssh-key",
      paramLabel = "FILE",
      description =
          "offer this private SSH key instead of ~/.ssh's default identities (repeatable); an"
              + " encrypted key is unlocked with $"
              + PASSPHRASE)
  List<Path> sshKeys = new ArrayList<>();

  @Option(
      names = "--known-hosts",
      paramLabel = "FILE",
      description = "trust the SSH host keys in FILE instead of ~/.ssh/known_hosts (repeatable)")
  List<Path> knownHosts = new ArrayList<>();

  @Option(
      names = "--accept-new-host-keys",
      description =
          "trust an SSH host key seen for the first time and add it to the known hosts"
              + " (a changed key is still refused)")
  boolean acceptNewHostKeys;

  @Option(
      names = "--ca-file",
      paramLabel = "PEM",
      description =
          "also trust the certificate authorities in this PEM file for HTTPS (repeatable;"
              + " GIT_SSL_CAINFO and http.sslCAInfo are honoured too)")
  List<Path> caFiles = new ArrayList<>();

  /**
   * Returns why a file named by these options cannot be read, on one line, or empty when all can.
   */
  Optional<String> unreadableFile() {
    for (Path p : caFiles) {
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        return Optional.of("cannot read the CA file " + Echo.escape(p.toString()) + " (--ca-file)");
      }
    }
    for (Path p : sshKeys) {
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        return Optional.of("cannot read the SSH key " + Echo.escape(p.toString()) + " (--ssh-key)");
      }
    }
    for (Path p : knownHosts) {
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        return Optional.of(
            "cannot read the known hosts file " + Echo.escape(p.toString()) + " (--known-hosts)");
      }
    }
    return Optional.empty();
  }

  /** Applies these options, the SSH directory of {@code home} and {@code env} to {@code b}. */
  JGitBackendBuilder apply(JGitBackendBuilder b, Path home, Map<String, String> env) {
    b.sshDirectory(home.resolve(".ssh")).gitSettings(true).environment(env);
    sshKeys.forEach(b::sshKey);
    if (!knownHosts.isEmpty()) {
      b.sshKnownHosts(knownHosts.toArray(Path[]::new));
    }
    b.acceptNewHostKeys(acceptNewHostKeys);
    caFiles.forEach(b::caFile);
    String passphrase = env.get(PASSPHRASE);
    if (passphrase != null && !passphrase.isEmpty()) {
      b.credentials(new Passphrase(passphrase));
    }
    return b;
  }

  /**
   * Unlocks whichever encrypted key the SSH client tries (an {@code --ssh-key}, an {@code
   * IdentityFile} of the ssh config or a default identity) with the one passphrase; the files are
   * not known before the ssh config is read, so {@link RemoteCredentials#perHost} cannot name them.
   */
  private static final class Passphrase implements RemoteCredentials {
    private final String secret;

    Passphrase(String secret) {
      this.secret = secret;
    }

    @Override
    public Optional<String> sshKeyPassphrase(RepositoryUrl url, Path keyFile) {
      return Optional.of(secret);
    }

    @Override
    public String toString() {
      return "RemoteCredentials[passphrase from $" + PASSPHRASE + "]";
    }
  }
}
