package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.PizzaOven;
import dev.pizza.errors.AuthenticationException;
import dev.pizza.jgit.internal.transport.ReceivedBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clone, then fetch after new commits, over real servers on loopback: git://, smart HTTP, ssh://.
 */
class TransportTest {
  @TempDir Path tmp;
  private RemoteFixture fx;
  private final RecordingSink sink = new RecordingSink();

  @BeforeEach
  void setUp() throws Exception {
    fx = new RemoteFixture(tmp.resolve("served"));
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private PizzaOven oven(JGitBackendBuilder backend) throws Exception {
    return PizzaOven.builder()
        .backend(
            backend.storeDirectory(tmp.resolve("store")).timeout(Duration.ofSeconds(20)).build())
        .build();
  }

  /** Scenarios: git://. */
  @Nested
  class GitDaemon {

    @Test
    void gitDaemon_cloneThenFetch_deliversEachCommitOnce() throws Exception {
      try (GitDaemonServer server = new GitDaemonServer(fx.base);
          PizzaOven oven = oven(JGitBackend.builder())) {
        fx.cloneThenFetch(oven, server.url("origin.git"), sink);
      }
    }

    @Test
    void progressListener_receivesTransferAndWalkProgress() throws Exception {
      java.util.List<String> tasks = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.concurrent.atomic.AtomicLong walked = new java.util.concurrent.atomic.AtomicLong();
      dev.pizza.ProgressListener listener =
          new dev.pizza.ProgressListener() {
            @Override
            public void transfer(dev.pizza.RepositoryId r, String task, long done, long total) {
              tasks.add(task + " " + done + "/" + total);
            }

            @Override
            public void walked(dev.pizza.RepositoryId r, long commits) {
              walked.set(commits);
            }
          };
      fx.grow(30);
      try (GitDaemonServer server = new GitDaemonServer(fx.base);
          PizzaOven oven =
              PizzaOven.builder()
                  .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
                  .progressListener(listener)
                  .build()) {
        oven.bake(server.url("origin.git"), sink);
      }
      assertThat(tasks).as("transfer progress").isNotEmpty();
      assertThat(tasks)
          .as("bytes received, from the pack the fetch wrote")
          .anySatisfy(t -> assertThat(t).matches(ReceivedBytes.TASK + " [1-9][0-9]*/[0-9]+"));
      assertThat(walked.get()).isEqualTo(30);
    }
  }

  /** Scenarios: smart HTTP. */
  @Nested
  class SmartHttp {

    @Test
    void smartHttp_cloneThenFetch_deliversEachCommitOnce() throws Exception {
      try (SmartHttpServer server = new SmartHttpServer(fx.base);
          PizzaOven oven = oven(JGitBackend.builder())) {
        fx.cloneThenFetch(oven, server.url("origin.git"), sink);
      }
    }

    @Test
    void smartHttp_basicAuth_credentialsInUrl() throws Exception {
      try (SmartHttpServer server = new SmartHttpServer(fx.base).requireBasic("bob", "s3cret-url");
          PizzaOven oven = oven(JGitBackend.builder())) {
        String url = server.url("origin.git").replace("http://", "http://bob:s3cret-url@");
        fx.cloneThenFetch(oven, url, sink);
      }
    }

    @Test
    void smartHttp_basicAuth_credentialsFromProvider() throws Exception {
      try (SmartHttpServer server =
              new SmartHttpServer(fx.base).requireBasic("x-token", "tok-123");
          PizzaOven oven =
              oven(
                  JGitBackend.builder()
                      .credentials(
                          RemoteCredentials.perHost()
                              .password("127.0.0.1", "x-token", "tok-123")
                              .build()))) {
        fx.cloneThenFetch(oven, server.url("origin.git"), sink);
      }
    }

    @Test
    void smartHttp_basicAuth_withoutCredentials_isAuthenticationFailure() throws Exception {
      try (SmartHttpServer server = new SmartHttpServer(fx.base).requireBasic("bob", "pw");
          PizzaOven oven = oven(JGitBackend.builder())) {
        fx.grow(2);
        assertThatThrownBy(() -> oven.bake(server.url("origin.git"), sink))
            .isInstanceOf(AuthenticationException.class);
        RemoteFixture.assertStoreClean(tmp.resolve("store"));
      }
    }

    @Test
    void smartHttp_basicAuth_wrongPassword_isAuthenticationFailure() throws Exception {
      try (SmartHttpServer server = new SmartHttpServer(fx.base).requireBasic("bob", "pw");
          PizzaOven oven = oven(JGitBackend.builder())) {
        fx.grow(2);
        String url = server.url("origin.git").replace("http://", "http://bob:wrong@");
        assertThatThrownBy(() -> oven.bake(url, sink)).isInstanceOf(AuthenticationException.class);
        RemoteFixture.assertStoreClean(tmp.resolve("store"));
      }
    }
  }

  /** Scenarios: ssh://. */
  @Nested
  class Ssh {

    @Test
    void ssh_keyFromProvider_cloneThenFetch() throws Exception {
      KeyPair client = SshGitServer.newKeyPair();
      try (SshGitServer server = new SshGitServer(fx.base, client.getPublic(), "git", null)) {
        Path knownHosts = server.writeKnownHosts(tmp.resolve("known_hosts"));
        try (PizzaOven oven =
            oven(
                JGitBackend.builder()
                    .sshDirectory(Files.createDirectories(tmp.resolve("ssh")))
                    .sshKnownHosts(knownHosts)
                    .credentials(
                        RemoteCredentials.perHost().sshKey("127.0.0.1", client).build()))) {
          fx.cloneThenFetch(oven, server.url("git", "origin.git"), sink);
        }
      }
    }

    @Test
    void ssh_passwordInUrl_cloneThenFetch() throws Exception {
      KeyPair other = SshGitServer.newKeyPair();
      try (SshGitServer server = new SshGitServer(fx.base, other.getPublic(), "git", "ssh-pw")) {
        Path knownHosts = server.writeKnownHosts(tmp.resolve("known_hosts"));
        try (PizzaOven oven =
            oven(
                JGitBackend.builder()
                    .sshDirectory(Files.createDirectories(tmp.resolve("ssh")))
                    .sshKnownHosts(knownHosts))) {
          String url = server.url("git", "origin.git").replace("ssh://git@", "ssh://git:ssh-pw@");
          fx.cloneThenFetch(oven, url, sink);
        }
      }
    }

    @Test
    void ssh_wrongKey_isAuthenticationFailure_missingRepository_isNotFound() throws Exception {
      KeyPair client = SshGitServer.newKeyPair();
      KeyPair stranger = SshGitServer.newKeyPair();
      try (SshGitServer server = new SshGitServer(fx.base, client.getPublic(), "git", null)) {
        Path knownHosts = server.writeKnownHosts(tmp.resolve("known_hosts"));
        Path ssh = Files.createDirectories(tmp.resolve("ssh"));
        fx.grow(1);
        try (PizzaOven oven =
            oven(
                JGitBackend.builder()
                    .sshDirectory(ssh)
                    .sshKnownHosts(knownHosts)
                    .credentials(
                        RemoteCredentials.perHost().sshKey("127.0.0.1", stranger).build()))) {
          assertThatThrownBy(() -> oven.bake(server.url("git", "origin.git"), sink))
              .isInstanceOf(AuthenticationException.class);
        }
        try (PizzaOven oven =
            oven(
                JGitBackend.builder()
                    .sshDirectory(ssh)
                    .sshKnownHosts(knownHosts)
                    .credentials(
                        RemoteCredentials.perHost().sshKey("127.0.0.1", client).build()))) {
          assertThatThrownBy(() -> oven.bake(server.url("git", "nothing-here"), sink))
              .isInstanceOf(dev.pizza.errors.RepositoryNotFoundException.class);
        }
        RemoteFixture.assertStoreClean(tmp.resolve("store"));
      }
    }

    @Test
    void ssh_unknownHostKey_isRefused() throws Exception {
      KeyPair client = SshGitServer.newKeyPair();
      try (SshGitServer server = new SshGitServer(fx.base, client.getPublic(), "git", null);
          PizzaOven oven =
              oven(
                  JGitBackend.builder()
                      .sshDirectory(Files.createDirectories(tmp.resolve("ssh")))
                      .sshKnownHosts(Files.writeString(tmp.resolve("known_hosts"), ""))
                      .credentials(
                          RemoteCredentials.perHost().sshKey("127.0.0.1", client).build()))) {
        fx.grow(1);
        assertThatThrownBy(() -> oven.bake(server.url("git", "origin.git"), sink))
            .isInstanceOf(AuthenticationException.class);
        RemoteFixture.assertStoreClean(tmp.resolve("store"));
        assertThat(sink.delivered).isEmpty();
      }
    }
  }
}
