package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.PizzaOven;
import dev.pizza.errors.AuthenticationException;
import dev.pizza.errors.RepositoryUnreachableException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * Bakes over TLS through a CONNECT proxy on loopback, chosen as git users choose it: from the
 * environment the backend is given, git's {@code http.proxy}, or the builder.
 */
class ProxyTest {
  private static final String PROXY_PASSWORD = "proxypw-3e9b71";

  @TempDir static Path certDir;
  private static TestCertificates certs;

  @TempDir Path tmp;
  private RemoteFixture fx;
  private SmartHttpServer server;
  private ConnectProxy proxy;
  private final RecordingSink sink = new RecordingSink();

  @BeforeAll
  static void makeCertificates() throws Exception {
    certs = TestCertificates.make(certDir);
  }

  @BeforeEach
  void setUp() throws Exception {
    fx = new RemoteFixture(tmp.resolve("served"));
    server = SmartHttpServer.https(fx.base, certs.valid());
    proxy = new ConnectProxy();
  }

  @AfterEach
  void tearDown() throws Exception {
    proxy.close();
    server.close();
    fx.close();
  }

  private PizzaOven oven(JGitBackendBuilder backend) throws Exception {
    return PizzaOven.builder()
        .backend(
            backend
                .storeDirectory(tmp.resolve("store"))
                .timeout(Duration.ofSeconds(20))
                .caFile(certs.caFile)
                .build())
        .build();
  }

  /** One bake (a clone), checked exact: enough where only the route is in question. */
  private void bakeOnce(PizzaOven oven) throws Exception {
    fx.grow(3);
    oven.bake(server.url("origin.git"), sink);
    fx.assertExactlyOnce(sink);
  }

  private String tunnelRequest() {
    return "CONNECT 127.0.0.1:" + server.port() + " HTTP/1.1";
  }

  @Test
  void httpsProxy_inTheEnvironment_carriesEveryRequestOfTheBake() throws Exception {
    try (PizzaOven oven =
        oven(JGitBackend.builder().environment(Map.of("https_proxy", proxy.url(null))))) {
      fx.cloneThenFetch(oven, server.url("origin.git"), sink);
    }
    assertThat(proxy.requests).isNotEmpty().allMatch(r -> r.equals(tunnelRequest()));
  }

  @Test
  void upperCaseHttpsProxy_isHonouredToo() throws Exception {
    try (PizzaOven oven =
        oven(JGitBackend.builder().environment(Map.of("HTTPS_PROXY", proxy.url(null))))) {
      bakeOnce(oven);
    }
    assertThat(proxy.requests).isNotEmpty().allMatch(r -> r.equals(tunnelRequest()));
  }

  @Test
  void allProxy_carriesHttpsWhenNoHttpsProxyIsSet() throws Exception {
    try (PizzaOven oven =
        oven(JGitBackend.builder().environment(Map.of("all_proxy", proxy.url(null))))) {
      bakeOnce(oven);
    }
    assertThat(proxy.requests).isNotEmpty();
  }

  @Test
  void noProxy_namingTheHost_sendsNoRequestThroughTheProxy() throws Exception {
    try (PizzaOven oven =
        oven(
            JGitBackend.builder()
                .environment(
                    Map.of("https_proxy", proxy.url(null), "NO_PROXY", "example.org,127.0.0.1")))) {
      fx.cloneThenFetch(oven, server.url("origin.git"), sink);
    }
    assertThat(proxy.requests).isEmpty();
  }

  @Test
  void httpProxy_forHttpUrlsOnly_leavesHttpsDirect() throws Exception {
    try (PizzaOven oven =
        oven(JGitBackend.builder().environment(Map.of("http_proxy", proxy.url(null))))) {
      bakeOnce(oven);
    }
    assertThat(proxy.requests).isEmpty();
  }

  @Test
  void gitHttpProxy_carriesTheBake_whenGitSettingsAreHonoured() throws Exception {
    Config git = new Config();
    git.setString("http", null, "proxy", proxy.url(null));
    try (PizzaOven oven = oven(JGitBackend.builder().environment(Map.of()).gitSettings(git))) {
      bakeOnce(oven);
    }
    assertThat(proxy.requests).isNotEmpty().allMatch(r -> r.equals(tunnelRequest()));
  }

  @Test
  void builderProxy_overridesTheEnvironment() throws Exception {
    try (ConnectProxy other = new ConnectProxy();
        PizzaOven oven =
            oven(
                JGitBackend.builder()
                    .environment(Map.of("https_proxy", other.url(null)))
                    .proxy(proxy.url(null)))) {
      bakeOnce(oven);
      assertThat(other.requests).isEmpty();
    }
    assertThat(proxy.requests).isNotEmpty();
  }

  @Test
  void proxyDemandingCredentials_getsThemFromTheProxyUrl_andNoLogOrMessageShowsThem()
      throws Exception {
    proxy.requireBasic("carol", PROXY_PASSWORD);
    String output =
        CapturedOutput.of(
            () -> {
              try (PizzaOven oven =
                  oven(
                      JGitBackend.builder()
                          .environment(
                              Map.of("https_proxy", proxy.url("carol:" + PROXY_PASSWORD))))) {
                fx.cloneThenFetch(oven, server.url("origin.git"), sink);
              }
            });
    assertThat(proxy.credentials).isNotEmpty().allMatch(c -> c.equals("carol:" + PROXY_PASSWORD));
    assertThat(output).doesNotContain(PROXY_PASSWORD);
  }

  @Test
  void proxyRefusingCredentials_failsAsAuthentication_withoutShowingThem() throws Exception {
    proxy.requireBasic("carol", "the-right-one");
    StringWriter shown = new StringWriter();
    String output =
        CapturedOutput.of(
            () -> {
              try (PizzaOven oven =
                  oven(
                      JGitBackend.builder()
                          .environment(
                              Map.of("https_proxy", proxy.url("carol:" + PROXY_PASSWORD))))) {
                assertThatThrownBy(() -> oven.bake(server.url("origin.git"), sink))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("proxy http://***@127.0.0.1:" + proxy.port())
                    .hasMessageContaining("refused the credentials")
                    .satisfies(e -> e.printStackTrace(new PrintWriter(shown)));
              }
            });
    assertThat(output).doesNotContain(PROXY_PASSWORD);
    assertThat(shown.toString()).doesNotContain(PROXY_PASSWORD).doesNotContain("carol");
  }

  @Test
  void proxyWithoutCredentials_whenTheProxyDemandsThem_saysToGiveThemInTheUrl() throws Exception {
    proxy.requireBasic("carol", PROXY_PASSWORD);
    try (PizzaOven oven =
        oven(JGitBackend.builder().environment(Map.of("https_proxy", proxy.url(null))))) {
      assertThatThrownBy(() -> oven.bake(server.url("origin.git"), sink))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("requires credentials");
    }
  }

  @Test
  void httpProxy_forAnHttpUrl_getsTheRequestWithItsCredentials() throws Exception {
    try (SmartHttpServer plain = new SmartHttpServer(fx.base);
        PizzaOven oven =
            oven(
                JGitBackend.builder()
                    .environment(Map.of("http_proxy", proxy.url("carol:" + PROXY_PASSWORD))))) {
      // The test proxy forwards nothing but tunnels: the bake fails, after the proxy was asked.
      assertThatThrownBy(() -> oven.bake(plain.url("origin.git"), sink))
          .hasMessageNotContaining(PROXY_PASSWORD);
      assertThat(plain.requests.get()).isZero();
    }
    assertThat(proxy.requests)
        .first()
        .asString()
        .startsWith("GET http://127.0.0.1:")
        .contains("/origin.git/info/refs?service=git-upload-pack");
    // After an unexplained failure the format probe asks once more, through the same proxy.
    assertThat(proxy.credentials).isNotEmpty().containsOnly("carol:" + PROXY_PASSWORD);
  }

  @Test
  void unreachableProxy_failsAsUnreachable_namingTheProxy() throws Exception {
    int closedPort = proxy.port();
    proxy.close();
    try (PizzaOven oven =
        oven(
            JGitBackend.builder()
                .environment(
                    Map.of(
                        "https_proxy",
                        "http://dave:" + PROXY_PASSWORD + "@127.0.0.1:" + closedPort)))) {
      assertThatThrownBy(() -> oven.bake(server.url("origin.git"), sink))
          .isInstanceOf(RepositoryUnreachableException.class)
          .hasMessageContaining("cannot reach the proxy http://***@127.0.0.1:" + closedPort)
          .hasMessageNotContaining(PROXY_PASSWORD);
    }
  }

  @Test
  void invalidBuilderProxy_isRefusedWithoutShowingItsPassword() {
    assertThatThrownBy(
            () -> JGitBackend.builder().proxy("socks5://erin:" + PROXY_PASSWORD + "@h:1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only http:// proxies")
        .hasMessageNotContaining(PROXY_PASSWORD);
  }
}
