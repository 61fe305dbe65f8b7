package dev.pizza.jgit.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.RepositoryUrl;
import dev.pizza.errors.AuthenticationException;
import dev.pizza.errors.RepositoryNotFoundException;
import dev.pizza.errors.TransferException;
import org.eclipse.jgit.errors.TransportException;
import org.junit.jupiter.api.Test;

/** Failures are told apart by what the server said, not by digits of the URL's port. */
class TransferFailuresTest {

  @Test
  void portContainingAStatusCode_isNotTakenForThatStatus() throws Exception {
    RepositoryUrl url = RepositoryUrl.parse("ssh://127.0.0.1:40477/origin");
    TransportException e =
        new TransportException("ssh://git@127.0.0.1:40477/origin: connection closed");
    assertThat(TransferFailures.classify(url, e, false)).isInstanceOf(TransferException.class);
  }

  @Test
  void statusCodes_ofTheServer_areRecognised() throws Exception {
    RepositoryUrl url = RepositoryUrl.parse("https://127.0.0.1:8401/r");
    assertThat(
            TransferFailures.classify(
                url, new TransportException("https://127.0.0.1:8401/r: 404 Not Found"), false))
        .isInstanceOf(RepositoryNotFoundException.class);
    assertThat(
            TransferFailures.classify(
                url,
                new TransportException("https://127.0.0.1:8401/r: status 401 for info/refs"),
                false))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void wordsInTheRepositoryPath_areNotTakenForWhatTheServerSaid() throws Exception {
    RepositoryUrl url =
        RepositoryUrl.parse("https://example.com/team/authentication-timeout-not-found");
    TransportException e =
        new TransportException(
            "https://example.com/team/authentication-timeout-not-found: premature end of stream");
    assertThat(TransferFailures.classify(url, e, false)).isInstanceOf(TransferException.class);
  }

  @Test
  void hasStatus_ignoresPortsAddressesAndLongerNumbers() {
    assertThat(TransferFailures.hasStatus("host:40477/x", "404")).isFalse();
    assertThat(TransferFailures.hasStatus("10.0.404.1", "404")).isFalse();
    assertThat(TransferFailures.hasStatus("14041 objects", "404")).isFalse();
    assertThat(TransferFailures.hasStatus("http 404 not found", "404")).isTrue();
    assertThat(TransferFailures.hasStatus("404", "404")).isTrue();
  }
}
