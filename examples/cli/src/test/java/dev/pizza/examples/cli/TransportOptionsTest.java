package dev.pizza.examples.cli;

import static dev.pizza.examples.cli.PizzaCliTest.pizza;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.errors.ServerCertificateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH and HTTPS options of {@code pizza bake}: listed, parsed, and refused clearly. */
class TransportOptionsTest {
  @TempDir Path tmp;

  private PizzaCliTest.Run bake(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bake",
                "--data-dir",
                tmp.resolve("data").toString(),
                "--cache-dir",
                tmp.resolve("cache").toString()));
    args.addAll(List.of(more));
    return pizza(args.toArray(String[]::new));
  }

  @Test
  void bakeHelp_listsTheTransportOptions() {
    PizzaCliTest.Run run = pizza("bake", "--help");

    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("--ssh-key=FILE", "--known-hosts=FILE", "--accept-new-host-keys", "--ca-file=PEM")
        .contains(TransportOptions.PASSPHRASE);
  }

  @Test
  void missingCaFile_failsWithOneLineNamingIt() throws Exception {
    Path missing = tmp.resolve("no-such-ca.pem");

    PizzaCliTest.Run run = bake("--ca-file", missing.toString(), tmp.toString());

    assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.err()).isEqualTo("pizza: cannot read the CA file " + missing + " (--ca-file)\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void caFileWithoutCertificate_failsWithOneLineNotAnInternalError() throws Exception {
    Path garbage = Files.writeString(tmp.resolve("garbage.pem"), "not a certificate\n");
    Path repo = tmp.resolve("repo");
    try (TestRepos r = TestRepos.init(repo)) {
      r.commits(1, "a@example.com");
    }

    PizzaCliTest.Run run = bake("--ca-file", garbage.toString(), repo.toString());

    assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.err())
        .startsWith("pizza: cannot set up the transfers: ")
        .doesNotContain("internal");
    assertThat(run.err().strip()).doesNotContain("\n");
  }

  @Test
  void sshOptions_parseAndLeaveLocalBakesAlone() throws Exception {
    Path key = Files.writeString(tmp.resolve("id_test"), "unused: local bakes do not use ssh\n");
    Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), "");
    Path repo = tmp.resolve("repo");
    try (TestRepos r = TestRepos.init(repo)) {
      r.commits(2, "a@example.com");
    }

    PizzaCliTest.Run run =
        bake(
            "--ssh-key",
            key.toString(),
            "--known-hosts",
            knownHosts.toString(),
            "--accept-new-host-keys",
            repo.toString());

    assertThat(run.code()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).contains(": 2 new, 2 total, 1 author ");
  }

  @Test
  void unknownHostKey_failsNamingSshKeyscan() throws Exception {
    Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), "");
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(g.generateKeyPair()));
    server.setPasswordAuthenticator((user, password, session) -> false);
    server.start();
    try {
      String url = "ssh://git@127.0.0.1:" + server.getPort() + "/x.git";

      PizzaCliTest.Run run = bake("--known-hosts", knownHosts.toString(), url);

      assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
      assertThat(run.err()).contains("ssh-keyscan").contains(knownHosts.toString());
      assertThat(run.err().strip()).doesNotContain("\n");
    } finally {
      server.stop(true);
    }
  }

  @Test
  void missingSshKey_failsWithOneLineNamingIt() {
    Path missing = tmp.resolve("id_missing");

    PizzaCliTest.Run run = bake("--ssh-key", missing.toString(), tmp.toString());

    assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.err()).isEqualTo("pizza: cannot read the SSH key " + missing + " (--ssh-key)\n");
  }

  @Test
  void refusedCertificate_isSaidSo() {
    ServerCertificateException e =
        new ServerCertificateException(
            ServerCertificateException.Problem.UNTRUSTED, "https://127.0.0.1:1/x.git: untrusted");

    assertThat(FailureMessages.describe("https://127.0.0.1:1/x.git", e))
        .isEqualTo(
            "pizza: https://127.0.0.1:1/x.git: the server's certificate was refused:"
                + " https://127.0.0.1:1/x.git: untrusted");
  }
}
