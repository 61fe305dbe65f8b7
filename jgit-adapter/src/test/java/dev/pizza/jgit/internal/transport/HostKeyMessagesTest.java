package dev.pizza.jgit.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The commands a refused host key's message gives must work when pasted. */
class HostKeyMessagesTest {
  private static final Path FILE = Path.of("/home/u/.ssh/known_hosts");

  @Test
  void defaultPort_isLeftOutOfTheHostNameAndTheCommands() {
    String unknown =
        HostKeyMessages.refused("git.example.com", 22, "ssh-ed25519 SHA256:x", false, FILE);
    assertThat(unknown)
        .contains("host key of git.example.com is unknown")
        .contains("`ssh-keyscan git.example.com >> /home/u/.ssh/known_hosts`")
        .doesNotContain("-p 22")
        .doesNotContain("[");
    String changed =
        HostKeyMessages.refused("git.example.com", 22, "ssh-ed25519 SHA256:x", true, FILE);
    assertThat(changed)
        .contains("host key of git.example.com has changed")
        .contains("`ssh-keygen -R 'git.example.com' -f /home/u/.ssh/known_hosts`");
  }

  @Test
  void otherPort_isBracketedAsKnownHostsWritesIt() {
    String unknown =
        HostKeyMessages.refused("10.0.0.5", 2222, "ecdsa-sha2-nistp256 SHA256:y", false, FILE);
    assertThat(unknown)
        .contains("host key of [10.0.0.5]:2222 is unknown")
        .contains("`ssh-keyscan -p 2222 10.0.0.5 >> /home/u/.ssh/known_hosts`")
        .contains("ecdsa-sha2-nistp256 SHA256:y");
  }
}
