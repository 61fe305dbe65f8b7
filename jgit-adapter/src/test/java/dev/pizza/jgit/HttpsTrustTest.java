package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.PizzaOven;
import dev.pizza.errors.ServerCertificateException;
import dev.pizza.errors.ServerCertificateException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.lib.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bakes over TLS from a smart-HTTP server on loopback whose certificates the test made: refused
 * certificates fail with the typed failure that says why and what to do; CAs given as git users
 * give them make the bake exact.
 */
class HttpsTrustTest {
  @TempDir static Path certDir;
  private static TestCertificates certs;

  @TempDir Path tmp;
  private RemoteFixture fx;
  private final RecordingSink sink = new RecordingSink();

  @BeforeAll
  static void makeCertificates() throws Exception {
    certs = TestCertificates.make(certDir);
  }

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
            backend
                .storeDirectory(tmp.resolve("store"))
                .timeout(Duration.ofSeconds(20))
                .environment(Map.of())
                .build())
        .build();
  }

  @Test
  void certificateFromUnknownCa_failsAsUntrusted_andNamesTheCaFileOption() throws Exception {
    try (SmartHttpServer server = SmartHttpServer.https(fx.base, certs.valid());
        PizzaOven oven = oven(JGitBackend.builder())) {
      assertThatThrownBy(() -> oven.bake(server.url("origin.git"), sink))
          .isInstanceOfSatisfying(
              ServerCertificateException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.UNTRUSTED))
          .hasMessageContaining("server certificate verification failed")
          .hasMessageContaining("not signed by a trusted certificate authority")
          .hasMessageContaining("caFile")
          .hasMessageContaining("GIT_SSL_CAINFO")
          .hasMessageContaining("https://127.0.0.1:" + server.port() + "/origin");
      RemoteFixture.assertStoreClean(tmp.resolve("store"));
    }
  }

  @Test
  void expiredCertificate_failsAsExpired_evenWithItsCaTrusted() throws Exception {
    try (SmartHttpServer server = SmartHttpServer.https(fx.base, certs.expired());
        PizzaOven oven = oven(JGitBackend.builder().caFile(certs.caFile))) {
      assertThatThrownBy(() -> oven.bake(server.url("origin.git"), sink))
          .isInstanceOfSatisfying(
              ServerCertificateException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.EXPIRED))
          .hasMessageContaining("expired")
          .hasMessageContaining("renew");
    }
  }

  @Test
  void certificateForAnotherHost_failsAsWrongHost_evenWithItsCaTrusted() throws Exception {
    try (SmartHttpServer server = SmartHttpServer.https(fx.base, certs.wrongName());
        PizzaOven oven = oven(JGitBackend.builder().caFile(certs.caFile))) {
      assertThatThrownBy(() -> oven.bake(server.url("origin.git"), sink))
          .isInstanceOfSatisfying(
              ServerCertificateException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_HOST))
          .hasMessageContaining("does not name the host");
    }
  }

  @Test
  void caFileOption_makesTheBakeExact() throws Exception {
    try (SmartHttpServer server = SmartHttpServer.https(fx.base, certs.valid());
        PizzaOven oven = oven(JGitBackend.builder().caFile(certs.caFile))) {
      fx.cloneThenFetch(oven, server.url("origin.git"), sink);
    }
  }

  @Test
  void gitSslCainfo_inTheEnvironment_makesTheBakeExact() throws Exception {
    try (SmartHttpServer server = SmartHttpServer.https(fx.base, certs.valid());
        PizzaOven oven =
            PizzaOven.builder()
                .backend(
                    JGitBackend.builder()
                        .storeDirectory(tmp.resolve("store"))
                        .environment(Map.of("GIT_SSL_CAINFO", certs.caFile.toString()))
                        .gitSettings(new Config())
                        .build())
                .build()) {
      fx.cloneThenFetch(oven, server.url("origin.git"), sink);
    }
  }

  @Test
  void gitSslCainfo_isIgnoredUnlessGitSettingsAreHonoured() throws Exception {
    try (SmartHttpServer server = SmartHttpServer.https(fx.base, certs.valid());
        PizzaOven oven =
            PizzaOven.builder()
                .backend(
                    JGitBackend.builder()
                        .storeDirectory(tmp.resolve("store"))
                        .environment(Map.of("GIT_SSL_CAINFO", certs.caFile.toString()))
                        .build())
                .build()) {
      assertThatThrownBy(() -> oven.bake(server.url("origin.git"), sink))
          .isInstanceOf(ServerCertificateException.class);
    }
  }

  @Test
  void httpSslCainfo_inGitConfig_makesTheBakeExact() throws Exception {
    Config git = new Config();
    git.setString("http", null, "sslCAInfo", certs.caFile.toString());
    try (SmartHttpServer server = SmartHttpServer.https(fx.base, certs.valid());
        PizzaOven oven = oven(JGitBackend.builder().gitSettings(git))) {
      fx.cloneThenFetch(oven, server.url("origin.git"), sink);
    }
  }

  @Test
  void sslVerifyFalse_setByTheUser_acceptsAnUntrustedServer() throws Exception {
    Config git = new Config();
    git.setBoolean("http", null, "sslVerify", false);
    String logs =
        CapturedOutput.of(
            () -> {
              try (SmartHttpServer server = SmartHttpServer.https(fx.base, certs.wrongName());
                  PizzaOven oven = oven(JGitBackend.builder().gitSettings(git))) {
                fx.cloneThenFetch(oven, server.url("origin.git"), sink);
              }
            });
    assertThat(logs).contains("WARN").contains("TLS certificate verification is OFF");
  }

  @Test
  void caFileWithoutCertificates_isRefusedWhenTheBackendIsBuilt() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.pem"), "# no certificates here\n");
    assertThatThrownBy(() -> JGitBackend.builder().caFile(empty).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds no PEM certificate");
  }

  @Test
  void caFileCertificates_areNotParsedWhenTheBackendIsBuilt_onlyOnTheFirstHttpsConnection()
      throws Exception {
    Path corrupt =
        Files.writeString(
            tmp.resolve("corrupt.pem"),
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    // A backend that bakes local paths only never parses a certificate, so a broken one in a CA
    // file (GIT_SSL_CAINFO often names the whole system bundle) costs it nothing and fails nothing.
    JGitBackend.builder().caFile(corrupt).build();
  }
}
