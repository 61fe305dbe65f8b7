package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A test CA and server certificates it signed, made with {@code openssl} in a directory of the
 * test: one valid for 127.0.0.1 and localhost, one that expired in 2020, one for another host name.
 * Skips the calling test where {@code openssl} is not installed.
 */
final class TestCertificates {
  /** The CA's certificate, PEM: what a user gives as the CA file. */
  final Path caFile;

  private final Path dir;
  private final Path key;

  private TestCertificates(Path dir) {
    this.dir = dir;
    this.caFile = dir.resolve("ca.pem");
    this.key = dir.resolve("server.key");
  }

  static TestCertificates make(Path dir) throws Exception {
    Files.createDirectories(dir);
    TestCertificates c = new TestCertificates(dir);
    c.openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-subj",
        "/CN=pizza test CA",
        "-days",
        "3",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    c.openssl(
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=pizza test server");
    Files.writeString(
        dir.resolve("ca.cnf"),
        String.join(
            "\n",
            "[ ca ]",
            "default_ca = test",
            "[ test ]",
            "database = index.txt",
            "new_certs_dir = .",
            "serial = serial",
            "default_md = sha256",
            "policy = anything",
            "unique_subject = no",
            "[ anything ]",
            "commonName = supplied",
            ""));
    Files.writeString(dir.resolve("index.txt"), "");
    Files.writeString(dir.resolve("serial"), "01\n");
    c.sign("valid.pem", "IP:127.0.0.1,DNS:localhost", "20200101000000Z", "20991231000000Z");
    c.sign("expired.pem", "IP:127.0.0.1,DNS:localhost", "20200101000000Z", "20200102000000Z");
    c.sign("wrong-name.pem", "DNS:git.wrong-name.example", "20200101000000Z", "20991231000000Z");
    return c;
  }

  /** A server's TLS context with the certificate valid for 127.0.0.1. */
  SSLContext valid() throws Exception {
    return server("valid.pem");
  }

  /** A server's TLS context with a certificate that expired in 2020. */
  SSLContext expired() throws Exception {
    return server("expired.pem");
  }

  /** A server's TLS context with a certificate for another host name. */
  SSLContext wrongName() throws Exception {
    return server("wrong-name.pem");
  }

  private void sign(String out, String names, String from, String until) throws Exception {
    Path ext = dir.resolve(out + ".ext");
    Files.writeString(
        ext,
        "subjectAltName=" + names + "\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
    openssl(
        "ca",
        "-batch",
        "-config",
        "ca.cnf",
        "-cert",
        "ca.pem",
        "-keyfile",
        "ca.key",
        "-in",
        "server.csr",
        "-out",
        out,
        "-startdate",
        from,
        "-enddate",
        until,
        "-extfile",
        ext.getFileName().toString(),
        "-notext");
  }

  private SSLContext server(String certFile) throws Exception {
    List<Certificate> chain = new ArrayList<>();
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    for (Path pem : List.of(dir.resolve(certFile), caFile)) {
      try (InputStream in = Files.newInputStream(pem)) {
        chain.addAll(cf.generateCertificates(in));
      }
    }
    String pem = Files.readString(key, StandardCharsets.US_ASCII);
    String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PrivateKey k =
        KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    char[] pw = "test".toCharArray();
    ks.setKeyEntry("server", k, pw, chain.toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pw);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  private void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "openssl is needed to make test certificates");
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("openssl %s: %s", String.join(" ", args), out).isZero();
  }
}
