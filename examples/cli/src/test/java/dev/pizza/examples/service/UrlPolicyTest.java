package dev.pizza.examples.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.RepositoryUrl;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SSRF guard on names, with a resolver whose answers the test chooses. */
class UrlPolicyTest {
  private static UrlPolicy policy(Map<String, String> dns, Set<String> allowed) {
    return new UrlPolicy(
        allowed,
        false,
        host -> {
          String a = dns.get(host);
          if (a == null) {
            throw new java.net.UnknownHostException(host);
          }
          return new InetAddress[] {InetAddress.getByName("203.0.113.7"), InetAddress.getByName(a)};
        });
  }

  @Test
  void aPublicNameWithOnePrivateAddress_isRefused() {
    UrlPolicy p = policy(Map.of("git.example.com", "10.1.2.3"), Set.of());
    assertThatThrownBy(() -> p.check("https://git.example.com/a/b"))
        .isInstanceOf(RefusedRequestException.class)
        .hasMessageContaining("private");
  }

  @Test
  void aNameThatStartsResolvingToTheMetadataAddress_isRefusedAtTheSecondCheck() throws Exception {
    Map<String, String> dns = new java.util.HashMap<>(Map.of("git.example.com", "198.51.100.1"));
    UrlPolicy p = policy(dns, Set.of());
    RepositoryUrl url = p.check("https://git.example.com/a/b");
    dns.put("git.example.com", "169.254.169.254");
    assertThatThrownBy(() -> p.checkHost(url)).hasMessageContaining("link-local");
  }

  @Test
  void publicAddresses_andAllowedHostsWithPorts_pass() throws Exception {
    UrlPolicy p = policy(Map.of("git.example.com", "198.51.100.1"), Set.of("git.example.com"));
    assertThat(p.check("https://git.example.com:8443/a/b.git").toString())
        .isEqualTo("https://git.example.com:8443/a/b");
    assertThatThrownBy(() -> p.check("https://other.example.com/a/b"))
        .hasMessageContaining("allowed hosts");
  }

  @Test
  void internalAddressKinds_areNamed() throws Exception {
    for (String a :
        new String[] {
          "127.0.0.1", "10.0.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254", "0.0.0.0",
          "100.64.0.1", "::1", "fe80::1", "fd00:ec2::254", "::ffff:10.0.0.1", "224.0.0.1"
        }) {
      assertThat(UrlPolicy.internal(InetAddress.getByName(a))).as(a).isNotNull();
    }
    for (String a : new String[] {"8.8.8.8", "2606:4700::1111", "172.32.0.1"}) {
      assertThat(UrlPolicy.internal(InetAddress.getByName(a))).as(a).isNull();
    }
  }
}
