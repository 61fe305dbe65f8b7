package dev.pizza.jgit.internal.transport;

import java.io.File;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.transport.sshd.agent.Connector;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reaches the user's ssh agent: the socket named by the ssh config's {@code IdentityAgent}, else by
 * {@code SSH_AUTH_SOCK}. JDK 17 speaks Unix domain sockets itself (JEP 380), so this needs neither
 * JNA nor junixsocket; JGit's own JNA-based connector module is not used because it is not
 * published for the JGit version we pin. Without a socket the agent simply offers no keys.
 */
final class SshAgentConnectors implements ConnectorFactory {
  /** The environment variable OpenSSH's agent sets. */
  static final String AUTH_SOCK = "SSH_AUTH_SOCK";

  private static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor() {
        @Override
        public String getIdentityAgent() {
          return AUTH_SOCK;
        }

        @Override
        public String getDisplayName() {
          return "ssh-agent (Unix domain socket)";
        }
      };

  @Override
  public Connector create(@Nullable String identityAgent, File homeDir) {
    return new UnixSocketAgentConnector(socket(identityAgent, homeDir, System.getenv(AUTH_SOCK)));
  }

  /**
   * Returns the agent's socket: {@code identityAgent} from the ssh config ({@code ~/} is the home
   * directory, {@code $VAR} an environment variable) or, when it is absent or names {@code
   * SSH_AUTH_SOCK}, {@code authSock}; null when there is none.
   */
  static @Nullable Path socket(
      @Nullable String identityAgent, File homeDir, @Nullable String authSock) {
    String name = identityAgent;
    if (name == null || name.isEmpty() || name.equals(AUTH_SOCK) || name.equals("$" + AUTH_SOCK)) {
      name = authSock;
    } else if (name.startsWith("$")) {
      name = System.getenv(name.substring(1));
    } else if (name.startsWith("~/")) {
      name = new File(homeDir, name.substring(2)).getPath();
    }
    return name == null || name.isEmpty() ? null : Path.of(name);
  }

  @Override
  public boolean isSupported() {
    return true;
  }

  @Override
  public String getName() {
    return "pizza-unix-socket";
  }

  @Override
  public Collection<ConnectorDescriptor> getSupportedConnectors() {
    return List.of(DESCRIPTOR);
  }

  @Override
  public ConnectorDescriptor getDefaultConnector() {
    return DESCRIPTOR;
  }
}
