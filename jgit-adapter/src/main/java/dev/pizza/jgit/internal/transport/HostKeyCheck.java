package dev.pizza.jgit.internal.transport;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.internal.transport.sshd.OpenSshServerKeyDatabase;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.jspecify.annotations.Nullable;

/**
 * Checks the SSH server's host key of one transfer against {@code known_hosts} (OpenSSH format,
 * hashed entries too) and notes in {@link SshRefusals} why it refused one, so the failure can say
 * so instead of "the connection closed". Checking is strict: an unknown or changed key is refused,
 * whatever {@code StrictHostKeyChecking} the ssh config says, unless new keys are accepted on first
 * use ({@code accept-new}, which appends them to the first known_hosts file); a changed key is
 * always refused.
 *
 * <p>The files are read by JGit's own OpenSSH known_hosts database (an internal JGit class, the one
 * JGit's session factory uses by default), so that matching, hashing and revocation stay JGit's.
 */
final class HostKeyCheck implements ServerKeyDatabase {
  private final ServerKeyDatabase files;
  private final List<String> override;
  private final Path defaultFile;
  private final boolean acceptNew;
  private final SshRefusals refusals;

  /**
   * @param knownHosts the files to use, overriding the ssh config's {@code UserKnownHostsFile}; or
   *     empty to use the config's, else {@code defaults}
   * @param defaults the files used when neither names any (the SSH directory's {@code known_hosts})
   */
  HostKeyCheck(
      List<Path> knownHosts, List<Path> defaults, boolean acceptNew, SshRefusals refusals) {
    this.files = new OpenSshServerKeyDatabase(false, defaults);
    this.override = knownHosts.stream().map(Path::toString).toList();
    this.defaultFile = defaults.get(0);
    this.acceptNew = acceptNew;
    this.refusals = refusals;
  }

  @Override
  public List<PublicKey> lookup(
      String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
    return files.lookup(connectAddress, remoteAddress, strict(config));
  }

  @Override
  public boolean accept(
      String connectAddress,
      InetSocketAddress remoteAddress,
      PublicKey serverKey,
      Configuration config,
      @Nullable CredentialsProvider provider) {
    Configuration c = strict(config);
    // No provider: no one is asked, whatever the mode.
    if (files.accept(connectAddress, remoteAddress, serverKey, c, null)) {
      return true;
    }
    boolean changed = !files.lookup(connectAddress, remoteAddress, c).isEmpty();
    refusals.hostKeyRefused(
        HostKeyMessages.refused(
            remoteAddress.getHostString(),
            remoteAddress.getPort(),
            KeyUtils.getKeyType(serverKey) + " " + KeyUtils.getFingerPrint(serverKey),
            changed,
            fileIn(c)));
    return false;
  }

  /** Returns the file a new key of the host goes into: the first one consulted. */
  private Path fileIn(Configuration c) {
    List<String> names = c.getUserKnownHostsFiles();
    return names == null || names.isEmpty() ? defaultFile : Path.of(names.get(0));
  }

  /** Returns {@code config} with this check's mode and, if set, its known_hosts files. */
  private Configuration strict(Configuration config) {
    return new Configuration() {
      @Override
      public List<String> getUserKnownHostsFiles() {
        return override.isEmpty() ? config.getUserKnownHostsFiles() : override;
      }

      @Override
      public List<String> getGlobalKnownHostsFiles() {
        return config.getGlobalKnownHostsFiles();
      }

      @Override
      public StrictHostKeyChecking getStrictHostKeyChecking() {
        return acceptNew ? StrictHostKeyChecking.ACCEPT_NEW : StrictHostKeyChecking.REQUIRE_MATCH;
      }

      @Override
      public boolean getHashKnownHosts() {
        return config.getHashKnownHosts();
      }

      @Override
      public String getUsername() {
        return config.getUsername();
      }
    };
  }
}
