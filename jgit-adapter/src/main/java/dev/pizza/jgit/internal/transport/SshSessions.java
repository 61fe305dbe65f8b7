package dev.pizza.jgit.internal.transport;

import dev.pizza.RepositoryUrl;
import dev.pizza.jgit.RemoteCredentials;
import java.io.File;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Makes the SSH client (JGit's Apache MINA SSHD backend) of one transfer: the keys the {@link
 * RemoteCredentials} give for the repository (else the SSH directory's default identities), host
 * keys checked against the configured {@code known_hosts} files (an unknown or changed host key is
 * refused: no one is there to ask), and no {@code ~/.ssh/config}, so that a service behaves the
 * same whatever user runs it.
 */
final class SshSessions {
  private SshSessions() {}

  /** Returns a session factory for {@code url}; the caller closes it after the transfer. */
  static SshdSessionFactory forTransfer(TransferSettings settings, RepositoryUrl url) {
    List<KeyPair> keys = settings.credentials().sshKeys(url);
    File home = FS.DETECTED.userHome();
    Path sshDir = settings.sshDirectory();
    File ssh = sshDir != null ? sshDir.toFile() : new File(home, ".ssh");
    SshdSessionFactoryBuilder b =
        new SshdSessionFactoryBuilder()
            .setHomeDirectory(home)
            .setSshDirectory(ssh)
            .setConfigStoreFactory((h, f, user) -> null)
            .setPreferredAuthentications("publickey,keyboard-interactive,password");
    if (!settings.knownHosts().isEmpty()) {
      List<Path> files = settings.knownHosts();
      b.setDefaultKnownHostsFiles(dir -> files);
    }
    if (!keys.isEmpty()) {
      b.setDefaultKeysProvider(dir -> keys);
    }
    return b.build(null);
  }
}
