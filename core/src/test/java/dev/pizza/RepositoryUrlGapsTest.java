package dev.pizza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.errors.InvalidRepositoryUrlException;
import org.junit.jupiter.api.Test;

/** Normalization gaps of issue 9, item 11 that the URL itself decides. */
class RepositoryUrlGapsTest {

  @Test
  void doubleSlashInPath_makesNoSecondKey() throws Exception {
    assertThat(RepositoryUrl.parse("http://host//x").id().key())
        .isEqualTo(RepositoryUrl.parse("http://host/x").id().key());
    assertThat(RepositoryUrl.parse("https://host/a//b///c.git").toString())
        .isEqualTo("https://host/a/b/c");
  }

  @Test
  void backslashInUserInfo_isRefusedNotSentToTheHostAfterIt() {
    assertThatThrownBy(() -> RepositoryUrl.parse("http://evil\\@host/x"))
        .isInstanceOf(InvalidRepositoryUrlException.class)
        .hasMessageContaining("backslash");
  }

  @Test
  void percentEncodedDotDot_isRefusedLikeALiteralOne() {
    for (String u :
        new String[] {
          "http://host/a/%2e%2e/b",
          "http://host/a/%2E%2E/b",
          "http://host/a/.%2e/b",
          "http://host/%2e"
        }) {
      assertThatThrownBy(() -> RepositoryUrl.parse(u))
          .as(u)
          .isInstanceOf(InvalidRepositoryUrlException.class)
          .hasMessageContaining("'..'");
    }
  }

  @Test
  void ipv4MappedIpv6Host_saysUnsupportedTransport() throws Exception {
    RepositoryUrl url = RepositoryUrl.parse("http://[::FFFF:127.0.0.1]:8080/x.git");
    assertThat(url.toString()).isEqualTo("http://[::ffff:7f00:1]:8080/x");
    assertThat(url.transportUrl()).isEqualTo("http://[::ffff:7f00:1]:8080/x.git");
    assertThat(url.id().key())
        .isEqualTo(RepositoryUrl.parse("http://[::ffff:7f00:1]:8080/x").id().key());
    assertThatThrownBy(() -> RepositoryUrl.parse("http://[::ffff:127.0.0.256]/x"))
        .isInstanceOf(InvalidRepositoryUrlException.class);
  }
}
