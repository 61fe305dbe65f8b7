package dev.pizza.jgit.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Which socket the ssh agent is reached at: IdentityAgent as OpenSSH reads it, else SSH_AUTH_SOCK.
 */
class SshAgentSocketTest {
  private static final File HOME = new File("/home/u");

  @Test
  void withoutIdentityAgent_theEnvironmentsSocketIsUsed_orNone() {
    assertThat(SshAgentConnectors.socket(null, HOME, "/run/agent.sock"))
        .isEqualTo(Path.of("/run/agent.sock"));
    assertThat(SshAgentConnectors.socket("SSH_AUTH_SOCK", HOME, "/run/a"))
        .isEqualTo(Path.of("/run/a"));
    assertThat(SshAgentConnectors.socket("$SSH_AUTH_SOCK", HOME, "/run/a"))
        .isEqualTo(Path.of("/run/a"));
    assertThat(SshAgentConnectors.socket(null, HOME, null)).isNull();
    assertThat(SshAgentConnectors.socket("", HOME, "")).isNull();
  }

  @Test
  void identityAgent_inTheHomeDirectory_isResolvedThere() {
    assertThat(SshAgentConnectors.socket("~/.ssh/agent.sock", HOME, "/run/a"))
        .isEqualTo(Path.of("/home/u/.ssh/agent.sock"));
    assertThat(SshAgentConnectors.socket("/tmp/s", HOME, "/run/a")).isEqualTo(Path.of("/tmp/s"));
  }
}
