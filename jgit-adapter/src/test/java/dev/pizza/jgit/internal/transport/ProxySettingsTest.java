package dev.pizza.jgit.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which proxy a URL goes through, from the same settings git and curl read. */
class ProxySettingsTest {
  private static ProxySettings.Route route(Map<String, String> env, String url) throws Exception {
    return ProxySettings.of(env, null, null).route(new URL(url));
  }

  private static HttpProxy via(ProxySettings.Route r) {
    assertThat(r).isInstanceOf(ProxySettings.Via.class);
    return ((ProxySettings.Via) r).proxy();
  }

  @Test
  void noSettings_leaveTheChoiceToTheJvm() throws Exception {
    assertThat(route(Map.of(), "https://example.com/r"))
        .isInstanceOf(ProxySettings.JvmDefault.class);
  }

  @Test
  void httpsProxy_servesHttpsOnly_httpProxy_servesHttpOnly() throws Exception {
    Map<String, String> env = Map.of("https_proxy", "s:1", "http_proxy", "p:2");
    assertThat(via(route(env, "https://example.com/r")).host()).isEqualTo("s");
    assertThat(via(route(env, "http://example.com/r")).host()).isEqualTo("p");
  }

  @Test
  void lowerCase_winsOverUpperCase_andAllProxyIsTheFallback() throws Exception {
    assertThat(
            via(route(Map.of("https_proxy", "low:1", "HTTPS_PROXY", "up:1"), "https://h/r")).host())
        .isEqualTo("low");
    assertThat(via(route(Map.of("ALL_PROXY", "all:1"), "http://h/r")).host()).isEqualTo("all");
  }

  @Test
  void proxyUrl_withoutPort_usesCurlsDefault_andDecodesCredentials() {
    HttpProxy p = HttpProxy.parse("http://us%40er:p%3Ass@proxy.example");
    assertThat(p.port()).isEqualTo(1080);
    assertThat(p.user()).isEqualTo("us@er");
    assertThat(p.password()).isEqualTo("p:ss");
    assertThat(p.toString()).isEqualTo("http://***@proxy.example:1080").doesNotContain("p:ss");
  }

  @Test
  void noProxy_matchesHostsTheirSubdomainsPortsAndStar() throws Exception {
    ProxySettings s =
        ProxySettings.of(
            Map.of(
                "https_proxy", "p:1", "no_proxy", ".corp.example, git.example.org:8443 ,10.0.0.1"),
            null,
            null);
    assertThat(s.bypassed(new URL("https://corp.example/r"))).isTrue();
    assertThat(s.bypassed(new URL("https://git.corp.example/r"))).isTrue();
    assertThat(s.bypassed(new URL("https://notcorp.example/r"))).isFalse();
    assertThat(s.bypassed(new URL("https://git.example.org:8443/r"))).isTrue();
    assertThat(s.bypassed(new URL("https://git.example.org/r"))).isFalse();
    assertThat(s.bypassed(new URL("https://10.0.0.1/r"))).isTrue();
    assertThat(s.bypassed(new URL("https://10.0.0.12/r"))).isFalse();
    assertThat(
            ProxySettings.of(Map.of("NO_PROXY", "*"), null, null)
                .bypassed(new URL("https://any.example/r")))
        .isTrue();
  }

  @Test
  void configuredProxy_winsOverTheEnvironment_andEmptyMeansDirect() throws Exception {
    Map<String, String> env = Map.of("https_proxy", "env:1");
    assertThat(via(ProxySettings.of(env, "conf:2", null).route(new URL("https://h/r"))).host())
        .isEqualTo("conf");
    assertThat(ProxySettings.of(env, "", null).route(new URL("https://h/r")))
        .isInstanceOf(ProxySettings.Direct.class);
  }

  @Test
  void invalidProxyInTheEnvironment_isIgnored_withoutShowingItsPassword() throws Exception {
    assertThat(route(Map.of("https_proxy", "socks5://u:secret-1@h:1"), "https://h/r"))
        .isInstanceOf(ProxySettings.JvmDefault.class);
    assertThatThrownBy(() -> HttpProxy.parse("socks5://u:secret-1@h:1"))
        .hasMessageNotContaining("secret-1");
  }
}
