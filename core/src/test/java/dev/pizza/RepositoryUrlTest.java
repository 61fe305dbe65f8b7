package dev.pizza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.errors.InvalidRepositoryUrlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryUrlTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://github.com/open-sauced/pizza, https://github.com/open-sauced/pizza",
    "HTTPS://GitHub.COM/open-sauced/pizza.git/, https://github.com/open-sauced/pizza",
    "https://github.com/open-sauced/pizza/, https://github.com/open-sauced/pizza",
    "https://github.com:443/Open-Sauced/Pizza.git, https://github.com/Open-Sauced/Pizza",
    "http://localhost:8080/r.git, http://localhost:8080/r",
    "git://127.0.0.1/repo, git://127.0.0.1/repo",
    "ssh://git@github.com:22/o/r.git, ssh://github.com/o/r",
    "git@github.com:o/r.git, ssh://github.com/o/r",
    "file:///srv/git/r.git, file:///srv/git/r",
  })
  void parse_normalizes(String in, String normalized) throws Exception {
    RepositoryUrl url = RepositoryUrl.parse(in);
    assertThat(url.toString()).isEqualTo(normalized);
    assertThat(url.id().url()).isEqualTo(normalized);
  }

  @Test
  void sameRepository_sameKey_whateverTheSpelling() throws Exception {
    String a = RepositoryUrl.parse("https://github.com/o/r").id().key();
    assertThat(RepositoryUrl.parse("HTTPS://GITHUB.com/o/r.git/").id().key()).isEqualTo(a);
    assertThat(RepositoryUrl.parse("https://user:secret@github.com/o/r").id().key()).isEqualTo(a);
    assertThat(a).matches("[0-9a-f]{40}");
  }

  @Test
  void credentials_areSplitOff_andNeverShown() throws Exception {
    RepositoryUrl url = RepositoryUrl.parse("https://alice:s3cr3t-t0ken@example.com/o/r.git");
    assertThat(url.credentials())
        .get()
        .satisfies(
            c -> {
              assertThat(c.user()).isEqualTo("alice");
              assertThat(c.password()).isEqualTo("s3cr3t-t0ken");
              assertThat(c.toString()).doesNotContain("s3cr3t").doesNotContain("alice");
            });
    assertThat(url.toString()).isEqualTo("https://example.com/o/r");
    assertThat(url.transportUrl()).doesNotContain("s3cr3t").doesNotContain("alice");
    assertThat(url.id().toString()).doesNotContain("s3cr3t");
  }

  @Test
  void sshUser_isKeptForTheTransportOnly() throws Exception {
    RepositoryUrl url = RepositoryUrl.parse("git@example.com:o/r.git");
    assertThat(url.transportUrl()).isEqualTo("ssh://git@example.com/o/r.git");
    assertThat(url.toString()).isEqualTo("ssh://example.com/o/r");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "ftp://example.com/r",
        "https://",
        "https:///r",
        "https://exa mple.com/r",
        "https://example.com",
        "https://example.com/",
        "https://example.com/a/../b",
        "https://example.com/r?x=1",
        "https://bad_host!/r",
        "https://example.com:99999/r",
        "file://otherhost/r",
        "https://example.com/r\nx",
      })
  void parse_rejectsInvalid_withTypedError(String in) {
    assertThatThrownBy(() -> RepositoryUrl.parse(in))
        .isInstanceOf(InvalidRepositoryUrlException.class)
        .hasMessageStartingWith("invalid repository URL");
  }

  @Test
  void invalidUrl_messageHidesCredentials() {
    assertThatThrownBy(() -> RepositoryUrl.parse("ftp://bob:hunter2@example.com/r"))
        .isInstanceOf(InvalidRepositoryUrlException.class)
        .message()
        .doesNotContain("hunter2")
        .doesNotContain("bob");
  }

  @Test
  void localPath_isAbsoluteAndKindLocal() throws Exception {
    RepositoryUrl url = RepositoryUrl.parse(".");
    assertThat(url.kind()).isEqualTo(RepositoryUrl.Kind.LOCAL_PATH);
    assertThat(url.localPath()).isAbsolute();
    assertThat(RepositoryUrl.parse("/srv/x/").toString()).isEqualTo("/srv/x");
    assertThat(RepositoryUrl.parse("file:///srv/x").kind()).isEqualTo(RepositoryUrl.Kind.FILE);
    assertThat(RepositoryUrl.parse("https://h/x").kind()).isEqualTo(RepositoryUrl.Kind.REMOTE);
  }
}
