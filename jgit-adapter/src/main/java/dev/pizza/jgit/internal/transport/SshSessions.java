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
 * Makes the SSH client (JGit's Apache MINA SSHD backend) of one transfer, the way OpenSSH's {@code
 * ssh} would behave for the user: the SSH directory's {@code config} (Host aliases, HostName, Port,
 * User, IdentityFile, IdentitiesOnly, IdentityAgent, UserKnownHostsFile), its {@code known_hosts},
 * its default identities ({@code id_ed25519}, {@code id_ecdsa}, {@code id_rsa}, ...) and the ssh
 * agent. Keys are tried in the order JGit gives: the agent's, the config's {@code IdentityFile}s
 * for the host, then (unless {@code IdentitiesOnly yes}) the default identities, which key pairs
 * from the {@link RemoteCredentials}, else the configured key files, replace. Configured {@code
 * known_hosts} files replace the config's and the directory's. Host keys are checked strictly by
 * {@link HostKeyCheck}.
 */
final class SshSessions {
  private SshSessions() {}

  /**
   * Returns a session factory for {@code url}; the caller closes it after the transfer.
   *
   * @param refusals where the client notes what it refused, to explain a failure
   */
  static SshdSessionFactory forTransfer(
      TransferSettings settings, RepositoryUrl url, SshRefusals refusals) {
    List<KeyPair> keys = settings.credentials().sshKeys(url);
    List<Path> keyFiles = settings.sshKeys();
    File ssh = sshDirectory(settings);
    HostKeyCheck hostKeys =
        new HostKeyCheck(
            settings.knownHosts(),
            List.of(new File(ssh, "known_hosts").toPath(), new File(ssh, "known_hosts2").toPath()),
            settings.acceptNewHostKeys(),
            refusals);
    SshdSessionFactoryBuilder b =
        new SshdSessionFactoryBuilder()
            .setHomeDirectory(FS.DETECTED.userHome())
            .setSshDirectory(ssh)
            .setServerKeyDatabase((home, dir) -> hostKeys)
            .setKeyPasswordProvider(
                cp -> new SshKeyPassphrases(settings.credentials(), url, refusals))
            .setConnectorFactory(settings.sshAgent() ? new SshAgentConnectors() : null)
            .setPreferredAuthentications("publickey,keyboard-interactive,password");
    if (!keys.isEmpty()) {
      b.setDefaultKeysProvider(dir -> keys);
    } else if (!keyFiles.isEmpty()) {
      b.setDefaultIdentities(dir -> keyFiles);
    }
    return b.build(null);
  }

  private static File sshDirectory(TransferSettings settings) {
    Path dir = settings.sshDirectory();
    return dir != null ? dir.toFile() : new File(FS.DETECTED.userHome(), ".ssh");
  }
}
