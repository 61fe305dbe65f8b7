package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.CommitId;
import dev.pizza.PizzaOven;
import dev.pizza.errors.AuthenticationException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ssh:// as users have it: a real OpenSSH server on loopback, keys made by ssh-keygen, the client's
 * files in an SSH directory of the test (never the account's). Every bake is compared with {@code
 * git rev-list --branches --tags} of the served repository.
 */
class OpenSshTransportTest {
  @TempDir static Path shared;
  @TempDir Path tmp;

  private static RemoteFixture fx;
  private static Path origin;
  private static Set<String> expected;
  private final RecordingSink sink = new RecordingSink();

  @BeforeAll
  static void serveRepository() throws Exception {
    OpenSshServer.assumeInstalled();
    NativeGit.assumeInstalled("to list what the served repository holds");
    fx = new RemoteFixture(shared.resolve("served"));
    fx.grow(4);
    origin = fx.base.resolve("origin.git");
    fx.origin.branch("side", fx.origin.commit(RemoteFixture.T0 + 100, fx.main));
    NativeGit.run(origin, "tag", "-a", "-m", "release", "v1", fx.main.name());
    fx.grow(2);
    expected =
        new TreeSet<>(NativeGit.run(origin, "rev-list", "--branches", "--tags").lines().toList());
    assertThat(expected).hasSize(7);
  }

  @AfterAll
  static void closeRepository() {
    if (fx != null) {
      fx.close();
    }
  }

  /** The key pair of {@code type} made once for the class, for host or user. */
  private static Path key(String role, String type) throws Exception {
    Path file = shared.resolve("keys").resolve(role + "_" + type);
    return Files.exists(file) ? file : SshKeys.generate(file, type, "");
  }

  private JGitBackendBuilder backend(Path knownHosts) throws Exception {
    return JGitBackend.builder()
        .storeDirectory(tmp.resolve("store"))
        .timeout(Duration.ofSeconds(20))
        .sshDirectory(Files.createDirectories(tmp.resolve("ssh")))
        .sshKnownHosts(knownHosts)
        .sshAgent(false);
  }

  private Path knownHosts(OpenSshServer server, Path hostKey) throws Exception {
    return Files.writeString(
        tmp.resolve("known_hosts"), SshKeys.knownHostsLine(server.port(), hostKey) + "\n");
  }

  private void bakeExactly(JGitBackendBuilder backend, String url) throws Exception {
    try (PizzaOven oven = PizzaOven.builder().backend(backend.build()).build()) {
      oven.bake(url, sink);
    }
    List<String> delivered = sink.deliveredIdList().stream().map(CommitId::hex).toList();
    assertThat(new TreeSet<>(delivered)).as("delivered commits").isEqualTo(expected);
    assertThat(delivered).as("no commit delivered twice").doesNotHaveDuplicates();
  }

  static Stream<Arguments> hostAndUserKeyTypes() {
    List<Arguments> pairs = new ArrayList<>();
    for (String host : SshKeys.TYPES) {
      for (String user : SshKeys.TYPES) {
        pairs.add(Arguments.of(host, user));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "host key {0}, user key {1}")
  @MethodSource("hostAndUserKeyTypes")
  void everyHostKeyType_withEveryUserKeyType_bakesExactly(String hostType, String userType)
      throws Exception {
    Path hostKey = key("host", hostType);
    Path userKey = key("user", userType);
    try (OpenSshServer server =
        new OpenSshServer(tmp.resolve("sshd"), hostKey, List.of(SshKeys.pub(userKey)))) {
      bakeExactly(backend(knownHosts(server, hostKey)).sshKey(userKey), server.url(origin));
    }
  }

  @Test
  void passphraseProtectedKey_isUnlockedWithThePassphraseFromTheCredentials() throws Exception {
    Path hostKey = key("host", "ed25519");
    Path userKey = SshKeys.generate(tmp.resolve("locked_ed25519"), "ed25519", "open sesame 7");
    try (OpenSshServer server =
        new OpenSshServer(tmp.resolve("sshd"), hostKey, List.of(SshKeys.pub(userKey)))) {
      Path knownHosts = knownHosts(server, hostKey);
      assertThatThrownBy(
              () ->
                  bakeExactly(
                      backend(knownHosts).storeDirectory(tmp.resolve("store0")).sshKey(userKey),
                      server.url(origin)))
          .as("without the passphrase")
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("the key " + userKey + " is encrypted and no passphrase was given");
      assertThatThrownBy(
              () ->
                  bakeExactly(
                      backend(knownHosts)
                          .storeDirectory(tmp.resolve("store1"))
                          .sshKey(userKey)
                          .credentials(
                              RemoteCredentials.perHost()
                                  .sshKeyPassphrase(userKey, "open sesame 8")
                                  .build()),
                      server.url(origin)))
          .as("with a wrong passphrase")
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining(
              "the key " + userKey + " could not be unlocked with the passphrase given");
      bakeExactly(
          backend(knownHosts)
              .sshKey(userKey)
              .credentials(
                  RemoteCredentials.perHost().sshKeyPassphrase(userKey, "open sesame 7").build()),
          server.url(origin));
    }
  }

  @Test
  void sshConfigAlias_withHostNamePortUserAndIdentityFile_andHashedKnownHosts() throws Exception {
    Path hostKey = key("host", "ecdsa");
    Path userKey = key("user", "ed25519");
    try (OpenSshServer server =
        new OpenSshServer(tmp.resolve("sshd"), hostKey, List.of(SshKeys.pub(userKey)))) {
      Path ssh = Files.createDirectories(tmp.resolve("ssh"));
      Files.write(
          ssh.resolve("config"),
          List.of(
              "Host pizza-origin",
              "  HostName 127.0.0.1",
              "  Port " + server.port(),
              "  User " + OpenSshServer.user(),
              "  IdentityFile " + userKey,
              "  IdentitiesOnly yes"));
      Path knownHosts = ssh.resolve("known_hosts");
      Files.writeString(knownHosts, SshKeys.knownHostsLine(server.port(), hostKey) + "\n");
      SshKeys.hash(knownHosts);
      assertThat(Files.readString(knownHosts)).startsWith("|1|");
      JGitBackendBuilder backend =
          JGitBackend.builder()
              .storeDirectory(tmp.resolve("store"))
              .timeout(Duration.ofSeconds(20))
              .sshDirectory(ssh)
              .sshAgent(false);
      bakeExactly(backend, "ssh://pizza-origin" + origin);
      bakeExactly(backend.storeDirectory(tmp.resolve("store2")), "pizza-origin:" + origin);
    }
  }

  @Test
  void unknownHostKey_isAuthenticationFailure_thatSaysHowToAddTheKey() throws Exception {
    Path hostKey = key("host", "ed25519");
    Path userKey = key("user", "ed25519");
    try (OpenSshServer server =
        new OpenSshServer(tmp.resolve("sshd"), hostKey, List.of(SshKeys.pub(userKey)))) {
      Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), "");
      assertThatThrownBy(() -> bakeExactly(backend(knownHosts).sshKey(userKey), server.url(origin)))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("host key of [127.0.0.1]:" + server.port() + " is unknown")
          .hasMessageContaining("ssh-keyscan -p " + server.port() + " 127.0.0.1 >> " + knownHosts);
      RemoteFixture.assertStoreClean(tmp.resolve("store"));
      assertThat(sink.delivered).isEmpty();
      assertThat(Files.readString(knownHosts)).as("nothing recorded").isEmpty();
    }
  }

  @Test
  void changedHostKey_isAuthenticationFailure_thatSaysTheKeyChanged() throws Exception {
    Path hostKey = key("host", "ed25519");
    Path userKey = key("user", "ed25519");
    Path formerKey = SshKeys.generate(tmp.resolve("former_host_ed25519"), "ed25519", "");
    try (OpenSshServer server =
        new OpenSshServer(tmp.resolve("sshd"), hostKey, List.of(SshKeys.pub(userKey)))) {
      Path knownHosts = knownHosts(server, formerKey);
      assertThatThrownBy(
              () ->
                  bakeExactly(
                      backend(knownHosts).sshKey(userKey).acceptNewHostKeys(true),
                      server.url(origin)))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("host key of [127.0.0.1]:" + server.port() + " has changed")
          .hasMessageContaining("ssh-keygen -R '[127.0.0.1]:" + server.port() + "'");
      RemoteFixture.assertStoreClean(tmp.resolve("store"));
    }
  }

  @Test
  void acceptNewHostKeys_trustsAnUnknownKeyOnFirstUse_andRecordsIt() throws Exception {
    Path hostKey = key("host", "rsa");
    Path userKey = key("user", "ecdsa");
    try (OpenSshServer server =
        new OpenSshServer(tmp.resolve("sshd"), hostKey, List.of(SshKeys.pub(userKey)))) {
      Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), "");
      bakeExactly(backend(knownHosts).sshKey(userKey).acceptNewHostKeys(true), server.url(origin));
      assertThat(Files.readString(knownHosts)).contains("[127.0.0.1]:" + server.port());
      // Recorded: strict checking now accepts it.
      bakeExactly(
          backend(knownHosts).storeDirectory(tmp.resolve("store2")).sshKey(userKey),
          server.url(origin));
    }
  }

  @Test
  void keyTheServerRefuses_isAuthenticationFailure() throws Exception {
    Path hostKey = key("host", "ed25519");
    Path stranger = SshKeys.generate(tmp.resolve("stranger_ed25519"), "ed25519", "");
    try (OpenSshServer server =
        new OpenSshServer(
            tmp.resolve("sshd"), hostKey, List.of(SshKeys.pub(key("user", "ed25519"))))) {
      assertThatThrownBy(
              () ->
                  bakeExactly(
                      backend(knownHosts(server, hostKey)).sshKey(stranger), server.url(origin)))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("authentication required or refused");
      RemoteFixture.assertStoreClean(tmp.resolve("store"));
      assertThat(sink.delivered).isEmpty();
    }
  }

  @Test
  void sshAgent_namedByIdentityAgent_offersItsKeys() throws Exception {
    Path hostKey = key("host", "ed25519");
    Path userKey = key("user", "rsa");
    Path socket = tmp.resolve("agent.sock");
    Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).as("ssh-agent's first line").startsWith("SSH_AUTH_SOCK=");
      ProcessBuilder add = new ProcessBuilder("ssh-add", userKey.toString());
      add.environment().put("SSH_AUTH_SOCK", socket.toString());
      Process added = add.redirectErrorStream(true).start();
      String said = new String(added.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(added.waitFor()).as("ssh-add: %s", said).isZero();
      try (OpenSshServer server =
          new OpenSshServer(tmp.resolve("sshd"), hostKey, List.of(SshKeys.pub(userKey)))) {
        Path ssh = Files.createDirectories(tmp.resolve("ssh"));
        Files.write(ssh.resolve("config"), List.of("Host *", "  IdentityAgent " + socket));
        // The SSH directory holds no key: only the agent can authenticate.
        bakeExactly(backend(knownHosts(server, hostKey)).sshAgent(true), server.url(origin));
      }
    } finally {
      agent.destroy();
      agent.waitFor();
    }
  }
}
