package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.PizzaOven;
import dev.pizza.errors.AuthenticationException;
import dev.pizza.errors.TransferException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository that answers with a redirect, as a forge does for a renamed one, is followed within
 * the same scheme; a redirect to another scheme is refused, so what a host's address rules allowed
 * is what is fetched.
 */
class RedirectTest {
  @TempDir static Path certDir;

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
            backend
                .storeDirectory(tmp.resolve("store"))
                .timeout(Duration.ofSeconds(20))
                .environment(Map.of())
                .build())
        .build();
  }

  @Test
  void renamedRepository_redirectedToAnotherServer_bakesExactly() throws Exception {
    try (SmartHttpServer target = new SmartHttpServer(fx.base);
        SmartHttpServer forge = new SmartHttpServer(fx.base);
        PizzaOven oven = oven(JGitBackend.builder())) {
      forge.redirect("old-name.git", target.url("origin.git"));
      fx.cloneThenFetch(oven, forge.url("old-name.git"), sink);
      assertThat(target.requests.get()).as("requests the target answered").isPositive();
    }
  }

  @Test
  void renamedRepository_redirectedOverHttps_bakesExactly() throws Exception {
    TestCertificates certs = TestCertificates.make(certDir);
    try (SmartHttpServer forge = SmartHttpServer.https(fx.base, certs.valid());
        PizzaOven oven = oven(JGitBackend.builder().caFile(certs.caFile))) {
      forge.redirect("old-name.git", forge.url("origin.git"));
      fx.cloneThenFetch(oven, forge.url("old-name.git"), sink);
    }
  }

  @Test
  void redirectToAnotherServer_getsNoneOfTheRepositorysCredentials() throws Exception {
    try (SmartHttpServer target = new SmartHttpServer(fx.base).requireBasic("alice", "pw-1");
        SmartHttpServer forge = new SmartHttpServer(fx.base);
        PizzaOven oven = oven(JGitBackend.builder())) {
      fx.grow(2);
      forge.redirect("old-name", target.url("origin"));
      String withCredentials = forge.url("old-name").replace("http://", "http://alice:pw-1@");
      assertThatThrownBy(() -> oven.bake(withCredentials, sink))
          .isInstanceOf(AuthenticationException.class);
      assertThat(target.requests.get()).as("requests the other server refused").isPositive();
    }
  }

  @Test
  void redirectRule_refusingTheTarget_failsTheBake_beforeAnyRequestReachesIt() throws Exception {
    java.util.List<java.net.URI> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (SmartHttpServer target = new SmartHttpServer(fx.base);
        SmartHttpServer forge = new SmartHttpServer(fx.base);
        PizzaOven oven =
            oven(
                JGitBackend.builder()
                    .redirects(
                        uri -> {
                          asked.add(uri);
                          return false;
                        }))) {
      fx.grow(2);
      forge.redirect("old-name", target.url("origin"));
      assertThatThrownBy(() -> oven.bake(forge.url("old-name"), sink))
          .isInstanceOf(TransferException.class)
          .hasMessageContaining("redirect rule refuses");
      assertThat(target.requests.get()).isZero();
      assertThat(asked).extracting(java.net.URI::getPort).containsOnly(target.port());
    }
  }

  @Test
  void redirectOnTheSameServer_keepsTheCredentials() throws Exception {
    try (SmartHttpServer forge = new SmartHttpServer(fx.base).requireBasic("alice", "pw-1");
        PizzaOven oven = oven(JGitBackend.builder())) {
      forge.redirect("old-name", forge.url("origin"));
      fx.cloneThenFetch(oven, forge.url("old-name").replace("http://", "http://alice:pw-1@"), sink);
    }
  }

  @Test
  void redirectToAnotherScheme_isRefused_sayingWhichUrlToUse() throws Exception {
    TestCertificates certs = TestCertificates.make(certDir);
    try (SmartHttpServer secure = SmartHttpServer.https(fx.base, certs.valid());
        SmartHttpServer plain = new SmartHttpServer(fx.base);
        PizzaOven oven = oven(JGitBackend.builder().caFile(certs.caFile))) {
      fx.grow(2);
      plain.redirect("origin.git", secure.url("origin.git"));
      assertThatThrownBy(() -> oven.bake(plain.url("origin.git"), sink))
          .isInstanceOf(TransferException.class)
          .hasMessageContaining("redirected from http:// to https://")
          .hasMessageContaining("use the https:// URL");
      assertThat(secure.requests.get()).as("requests that reached the other scheme").isZero();
    }
  }
}
