package dev.pizza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pizza.errors.InvalidRepositoryUrlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 9, item 3 follow-up: secrets that sit outside the user info of a URL. */
class RepositoryUrlSecretsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://host/x?access_token=SECRET",
        "https://host/x?token=SECRET",
        "https://host/x?private_token=SECRET",
        "https://host/x?password=SECRET",
        "https://host/x?a=1&sig=SECRET",
        "https://host/x?SECRET",
        "https://host/x#access_token=SECRET",
        "https://host/x.git?ref=main;key=SECRET",
      })
  void secretInQueryOnly_isEchoedInFullByRedactAndInvalidUrlMessages(String url) {
    assertThat(RepositoryUrl.redact(url)).doesNotContain("SECRET").startsWith("https://host/x");
    assertThat(RepositoryUrl.withoutCredentials(url)).doesNotContain("SECRET");
    Throwable t = catchThrowable(() -> RepositoryUrl.parse(url));
    assertThat(t).isInstanceOf(InvalidRepositoryUrlException.class);
    assertThat(t.getMessage()).doesNotContain("SECRET");
  }

  @Test
  void redactOfQuery_keepsTheKeysSoTheMessageStillSaysWhatWasWrong() {
    assertThat(RepositoryUrl.redact("https://host/x?access_token=SECRET&b=2"))
        .isEqualTo("https://host/x?access_token=***&b=***");
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice:SECRET@host:path", "alice:SECRET@host:o/r.git", ":SECRET@h:p"})
  void scpFormWithPassword_normalizesIntoSshUrlWithThePasswordInThePath(String scp) {
    Throwable t = catchThrowable(() -> RepositoryUrl.parse(scp));
    assertThat(t).isInstanceOf(InvalidRepositoryUrlException.class);
    assertThat(t.getMessage()).doesNotContain("SECRET").contains("password");
  }

  @Test
  void scpFormWithAtInPath_isStillAccepted() throws Exception {
    assertThat(RepositoryUrl.parse("git@host:o/r@v1.git").toString())
        .isEqualTo("ssh://host/o/r@v1");
  }
}
