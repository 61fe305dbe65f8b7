package dev.pizza.jgit.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How CA files are read: PEM bundles as distributions write them, with text around each block. */
class TlsTrustTest {
  @TempDir Path tmp;

  @Test
  void pemBundle_withCommentsBetweenCertificates_isReadWhole() throws Exception {
    Path system =
        TlsTrust.SYSTEM_BUNDLES.stream().filter(Files::isReadable).findFirst().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(system != null, "needs a system CA bundle");
    int count = TlsTrust.read(system).size();
    String pem = Files.readString(system);
    Path bundle = Files.writeString(tmp.resolve("bundle.pem"), "# a comment\n" + pem + "\n# end\n");
    assertThat(count).isPositive();
    assertThat(TlsTrust.read(bundle)).hasSize(count);
    assertThat(TlsTrust.caFiles(List.of(bundle))).hasSize(count);
  }

  @Test
  void caFileWithoutCertificates_isRefused() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.pem"), "# no certificates here\n");
    assertThatThrownBy(() -> TlsTrust.caFiles(List.of(empty)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds no PEM certificate");
  }

  @Test
  void caFileCheck_refusesWhatCaFilesRefuses_withoutParsingCertificates() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.pem"), "# no certificates here\n");
    Path missing = tmp.resolve("missing.pem");
    Path corrupt =
        Files.writeString(
            tmp.resolve("corrupt.pem"),
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> TlsTrust.checkCaFiles(List.of(empty)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds no PEM certificate");
    assertThatThrownBy(() -> TlsTrust.checkCaFiles(List.of(missing)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
    // A PEM block is all the check looks for: the certificate itself is parsed on first use.
    TlsTrust.checkCaFiles(List.of(corrupt));
    assertThatThrownBy(() -> TlsTrust.caFiles(List.of(corrupt)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(corrupt.toString());
  }

  @Test
  void missingCaFile_isRefused_namingIt() {
    Path missing = tmp.resolve("missing.pem");
    assertThatThrownBy(() -> TlsTrust.caFiles(List.of(missing)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
  }
}
