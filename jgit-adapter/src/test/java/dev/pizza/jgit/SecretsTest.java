package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.BakeOutcome;
import dev.pizza.BakeResult;
import dev.pizza.PizzaOven;
import dev.pizza.errors.PizzaException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * No secret, given in a URL or by the credentials provider, appears in any log line (every level:
 * this class runs in its own JVM with slf4j-simple at trace, see the module's pom), any exception
 * (messages and full stack traces with causes), any file of the store, any result or record.
 */
class SecretsTest {
  private static final String URL_PASSWORD = "urlpw-7f3a9c";
  private static final String PROVIDER_TOKEN = "provtok-51c2e8";
  private static final String TOKEN_AS_USER = "usertok-8d1e44";
  private static final String SSH_PASSWORD = "sshpw-99ab07";
  private static final String SSH_KEY_PASSPHRASE = "keyphrase-3e6d10";
  private static final String PROXY_PASSWORD = "proxypw-c4d2a8";
  private static final List<String> SECRETS =
      List.of(
          URL_PASSWORD,
          PROVIDER_TOKEN,
          TOKEN_AS_USER,
          SSH_PASSWORD,
          SSH_KEY_PASSPHRASE,
          PROXY_PASSWORD);

  @TempDir Path tmp;
  private final List<String> shown = new ArrayList<>();

  @Test
  void secrets_appearInNoLogExceptionFileResultOrRecord() throws Exception {
    // Run by the module's secrets-at-trace execution; skipped where logging is not at trace.
    Assumptions.assumeTrue(
        LoggerFactory.getLogger(SecretsTest.class).isTraceEnabled(),
        "needs slf4j-simple at trace: run by the secrets-at-trace surefire execution");
    PrintStream err = System.err;
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setErr(capture);
    System.setOut(capture);
    try {
      bakeEverywayWithSecrets();
    } finally {
      System.setErr(err);
      System.setOut(out);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(LoggerFactory.getLogger(SecretsTest.class).isTraceEnabled())
        .as("this test must run with logging at trace (its own surefire execution)")
        .isTrue();
    assertThat(logs).as("captured log output").contains("cloning").contains("TRACE");
    for (String secret : SECRETS) {
      assertThat(logs).as("log output").doesNotContain(secret);
      for (String s : shown) {
        assertThat(s).doesNotContain(secret);
      }
      for (String store : List.of("store", "store2", "store3")) {
        try (Stream<Path> files = Files.walk(tmp.resolve(store))) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(content).as("store file %s", f).doesNotContain(secret);
          }
        }
      }
    }
    System.err.println(
        "SecretsTest: scanned "
            + logs.length()
            + " characters of log output and "
            + shown.size()
            + " exceptions, results and records");
  }

  private void bakeEverywayWithSecrets() throws Exception {
    RemoteFixture fx = new RemoteFixture(tmp.resolve("served"));
    fx.grow(5);
    KeyPair other = SshGitServer.newKeyPair();
    KeyPair locked = SshGitServer.newKeyPair();
    Path lockedFile = writeEncrypted(locked, tmp.resolve("locked_key"), SSH_KEY_PASSPHRASE);
    try (SmartHttpServer urlAuth =
            new SmartHttpServer(fx.base).requireBasic("alice", URL_PASSWORD);
        SmartHttpServer tokenAuth = new SmartHttpServer(fx.base).requireBasic("x", PROVIDER_TOKEN);
        SshGitServer ssh = new SshGitServer(fx.base, other.getPublic(), "git", SSH_PASSWORD);
        SshGitServer sshKeyed = new SshGitServer(fx.base, locked.getPublic(), "git", null);
        PizzaOven oven =
            PizzaOven.builder()
                .backend(
                    JGitBackend.builder()
                        .storeDirectory(tmp.resolve("store"))
                        .timeout(Duration.ofSeconds(2))
                        .sshDirectory(Files.createDirectories(tmp.resolve("ssh")))
                        .sshKnownHosts(ssh.writeKnownHosts(tmp.resolve("known_hosts")))
                        .credentials(
                            RemoteCredentials.perHost()
                                .password("127.0.0.1", "x", PROVIDER_TOKEN)
                                .build())
                        .build())
                .build();
        PizzaOven keyed = keyedOven(sshKeyed, lockedFile, SSH_KEY_PASSPHRASE, "store2");
        PizzaOven wrongPassphrase =
            keyedOven(sshKeyed, lockedFile, "wrong" + SSH_KEY_PASSPHRASE, "store3")) {
      RecordingSink sink = new RecordingSink();
      String withPassword =
          urlAuth.url("origin.git").replace("http://", "http://alice:" + URL_PASSWORD + "@");
      String sshWithPassword =
          ssh.url("git", "origin.git").replace("ssh://git@", "ssh://git:" + SSH_PASSWORD + "@");
      // An encrypted key unlocked with the passphrase from the provider; then a wrong one. First:
      // the JVM's first SSH connection registers Bouncy Castle, which on a loaded machine can take
      // longer than the 2 s oven below waits; the keyed ovens wait 20 s.
      show(keyed.bake(sshKeyed.url("git", "origin.git"), sink));
      showFailure(wrongPassphrase, sshKeyed.url("git", "origin.git").replace("origin", "o2"), sink);
      // Successes: password in the URL, token from the provider, ssh password in the URL.
      show(oven.bake(withPassword, sink));
      show(oven.bake(tokenAuth.url("origin.git"), sink));
      show(oven.bake(sshWithPassword, sink));
      fx.grow(2);
      show(oven.bake(withPassword, sink));
      // Failures with secrets at hand: refused token-as-user, cut-off pack, silent server, garbage.
      String tokenAsUser =
          urlAuth.url("origin.git").replace("http://", "http://" + TOKEN_AS_USER + "@");
      showFailure(oven, tokenAsUser, sink);
      showFailure(
          oven,
          urlAuth.url("origin.git").replace("http://", "http://alice:wrong" + URL_PASSWORD + "@"),
          sink);
      urlAuth.mode(SmartHttpServer.Mode.TRUNCATE_PACK);
      showFailure(oven, withPassword.replace("origin.git", "other"), sink);
      urlAuth.mode(SmartHttpServer.Mode.STALL);
      showFailure(oven, withPassword.replace("origin.git", "stalled"), sink);
      urlAuth.mode(SmartHttpServer.Mode.GARBAGE);
      showFailure(oven, withPassword.replace("origin.git", "garbage"), sink);
      showFailure(oven, "https://alice:" + URL_PASSWORD + "@no-such-host.invalid/x", sink);
      showFailure(oven, "not a url alice:" + URL_PASSWORD + "@", sink);
      urlAuth.mode(SmartHttpServer.Mode.NORMAL);
      for (BakeOutcome o :
          oven.bakeAll(List.of(withPassword, tokenAsUser, sshWithPassword), sink)) {
        shown.add(o.toString());
        if (o instanceof BakeOutcome.Failed f) {
          shown.add(stackTrace(f.error()));
        }
      }
      sink.delivered.forEach(r -> shown.add(r.toString()));
      sink.checkpoints.forEach((k, v) -> shown.add(k + "=" + v));
    }
    try {
      bakeThroughProxiesWithCredentials(fx);
    } finally {
      fx.close();
    }
  }

  /** An oven that offers the encrypted key {@code file}, unlocked with {@code passphrase}. */
  private PizzaOven keyedOven(SshGitServer server, Path file, String passphrase, String store)
      throws Exception {
    return PizzaOven.builder()
        .backend(
            JGitBackend.builder()
                .storeDirectory(tmp.resolve(store))
                .timeout(Duration.ofSeconds(20))
                .sshDirectory(Files.createDirectories(tmp.resolve("ssh")))
                .sshKnownHosts(server.writeKnownHosts(tmp.resolve("known_hosts_" + store)))
                .sshKey(file)
                .credentials(RemoteCredentials.perHost().sshKeyPassphrase(file, passphrase).build())
                .build())
        .build();
  }

  /** HTTPS through a CONNECT proxy whose credentials are in its URL: accepted, then refused. */
  private void bakeThroughProxiesWithCredentials(RemoteFixture fx) throws Exception {
    TestCertificates certs = TestCertificates.make(tmp.resolve("certs"));
    try (SmartHttpServer https = SmartHttpServer.https(fx.base, certs.valid());
        ConnectProxy proxy = new ConnectProxy().requireBasic("carol", PROXY_PASSWORD)) {
      RecordingSink sink = new RecordingSink();
      try (PizzaOven oven = proxiedOven(certs, proxy.url("carol:" + PROXY_PASSWORD))) {
        show(oven.bake(https.url("origin.git"), sink));
        showFailure(oven, https.url("missing.git"), sink);
      }
      try (PizzaOven refused = proxiedOven(certs, proxy.url("carol:wrong-" + PROXY_PASSWORD))) {
        showFailure(refused, https.url("other.git"), sink);
      }
    }
  }

  private PizzaOven proxiedOven(TestCertificates certs, String proxyUrl) throws Exception {
    return PizzaOven.builder()
        .backend(
            JGitBackend.builder()
                .storeDirectory(tmp.resolve("store"))
                .timeout(Duration.ofSeconds(5))
                .caFile(certs.caFile)
                .environment(java.util.Map.of("https_proxy", proxyUrl))
                .build())
        .build();
  }

  /** Writes {@code key} as an OpenSSH private key file encrypted with {@code passphrase}. */
  private static Path writeEncrypted(KeyPair key, Path file, String passphrase) throws Exception {
    OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
    encryption.setPassword(passphrase);
    encryption.setCipherName("AES");
    encryption.setCipherType("256");
    encryption.setCipherMode("CTR");
    // One bcrypt round (ssh-keygen uses 16): unlocking then takes no time the 2 s timeout notices.
    encryption.setKdfRounds(1);
    try (OutputStream out = Files.newOutputStream(file)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "locked", encryption, out);
    }
    return file;
  }

  private void show(BakeResult r) {
    shown.add(r.toString());
  }

  private void showFailure(PizzaOven oven, String url, RecordingSink sink) {
    assertThatThrownBy(() -> oven.bake(url, sink))
        .isInstanceOf(PizzaException.class)
        .satisfies(
            e -> {
              shown.add(e.toString());
              shown.add(stackTrace(e));
            });
  }

  private static String stackTrace(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
