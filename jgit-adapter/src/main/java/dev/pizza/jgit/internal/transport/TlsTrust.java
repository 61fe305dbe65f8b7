package dev.pizza.jgit.internal.transport;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate authorities one backend trusts for HTTPS, as git users configure them: the JVM's
 * own trust store, plus the operating system's PEM bundle, plus CA files (a builder option, {@code
 * GIT_SSL_CAINFO}, {@code http.sslCAInfo}). All of them go into one in-memory key store behind the
 * JDK's PKIX trust manager, so chain building, expiry and host name checks are the JDK's own.
 *
 * <p>Per backend: the {@link SSLContext} is handed to each connection ({@link
 * javax.net.ssl.HttpsURLConnection#setSSLSocketFactory}); no JVM-global default is changed.
 *
 * <p>With verification off ({@code http.sslVerify=false}, set only by the user) every certificate
 * and host name is accepted, and a warning says so when the backend is built.
 */
final class TlsTrust {
  private static final Logger log = LoggerFactory.getLogger(TlsTrust.class);

  /** Where distributions keep the system's PEM bundle; the first that exists is read. */
  static final List<Path> SYSTEM_BUNDLES =
      List.of(
          Path.of("/etc/ssl/certs/ca-certificates.crt"), // Debian, Ubuntu, Alpine, Arch
          Path.of("/etc/pki/tls/certs/ca-bundle.crt"), // Fedora, RHEL
          Path.of("/etc/ssl/ca-bundle.pem"), // openSUSE
          Path.of("/etc/ssl/cert.pem")); // macOS, BSDs

  private static final Pattern PEM =
      Pattern.compile(
          "-----BEGIN (?:TRUSTED )?CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END (?:TRUSTED"
              + " )?CERTIFICATE-----");

  /** One factory, so that the JDK can reuse kept-alive connections (it keys them by factory). */
  private final SSLSocketFactory factory;

  private final boolean verify;

  private TlsTrust(SSLContext context, boolean verify) {
    this.factory = context.getSocketFactory();
    this.verify = verify;
  }

  /**
   * Checks, without parsing any certificate, that each CA file a user gave can be read and holds a
   * PEM block: what {@link #caFiles} would refuse for those reasons is refused when the backend is
   * built, while the parsing (a moment for a distribution's bundle, which {@code GIT_SSL_CAINFO}
   * often names) waits for the first HTTPS connection, which a bake of local paths never opens.
   *
   * @throws IllegalArgumentException if one cannot be read or holds no PEM block
   */
  static void checkCaFiles(List<Path> files) {
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.US_ASCII);
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(
            "cannot read the CA file " + file + " (" + e.getClass().getSimpleName() + ")", e);
      }
      if (!PEM.matcher(text).find()) {
        throw new IllegalArgumentException("the CA file " + file + " holds no PEM certificate");
      }
    }
  }

  /**
   * Reads the CA files a user gave.
   *
   * @throws IllegalArgumentException if one cannot be read or holds no certificate
   */
  static List<X509Certificate> caFiles(List<Path> files) {
    List<X509Certificate> out = new ArrayList<>();
    for (Path file : files) {
      List<X509Certificate> certs;
      try {
        certs = read(file);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalArgumentException(
            "cannot read the CA file " + file + " (" + e.getClass().getSimpleName() + ")", e);
      }
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("the CA file " + file + " holds no PEM certificate");
      }
      out.addAll(certs);
    }
    return out;
  }

  /** Trusts the JVM's store, the system bundle when {@code systemBundle}, and {@code extra}. */
  static TlsTrust verifying(boolean systemBundle, List<X509Certificate> extra) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate c : Base.JVM) {
        store.setCertificateEntry("jvm-" + n++, c);
      }
      if (systemBundle) {
        for (X509Certificate c : Base.SYSTEM) {
          store.setCertificateEntry("system-" + n++, c);
        }
      }
      for (X509Certificate c : extra) {
        store.setCertificateEntry("file-" + n++, c);
      }
      TrustManagerFactory f =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, f.getTrustManagers(), null);
      log.debug("trusting {} certificate authorities for HTTPS", store.size());
      return new TlsTrust(ctx, true);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS trust: " + e, e);
    }
  }

  /** Accepts any certificate for any host: only when the user turned verification off. */
  static TlsTrust notVerifying() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new AcceptAll()}, null);
      return new TlsTrust(ctx, false);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e, e);
    }
  }

  SSLSocketFactory socketFactory() {
    return factory;
  }

  /** The host name verifier to set on connections: null keeps the JDK's own (which checks). */
  @org.jspecify.annotations.Nullable
  HostnameVerifier hostnameVerifier() {
    return verify ? null : (host, session) -> true;
  }

  /** Returns the certificates of every PEM block in {@code file}; text around them is skipped. */
  static List<X509Certificate> read(Path file) throws IOException, GeneralSecurityException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(1));
      out.add((X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(der)));
    }
    return out;
  }

  /**
   * The JVM's and the system's authorities, read once per JVM (read-only data, like the JVM's own
   * trust store, which is read once too).
   */
  private static final class Base {
    static final List<X509Certificate> JVM = jvmAuthorities();
    static final List<X509Certificate> SYSTEM = readSystemBundle();
  }

  private static List<X509Certificate> readSystemBundle() {
    for (Path p : SYSTEM_BUNDLES) {
      if (Files.isReadable(p)) {
        try {
          return List.copyOf(read(p));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
          log.warn("cannot read the system CA bundle {} ({}); skipping it", p, e.toString());
          return List.of();
        }
      }
    }
    return List.of();
  }

  private static List<X509Certificate> jvmAuthorities() {
    try {
      return List.copyOf(jvmIssuers());
    } catch (GeneralSecurityException e) {
      log.warn("cannot read the JVM's trust store ({})", e.toString());
      return List.of();
    }
  }

  private static List<X509Certificate> jvmIssuers() throws GeneralSecurityException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init((KeyStore) null);
    List<X509Certificate> out = new ArrayList<>();
    for (TrustManager tm : f.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        out.addAll(List.of(x.getAcceptedIssuers()));
      }
    }
    return out;
  }

  /**
   * Checks nothing. An {@link X509ExtendedTrustManager}, because the JDK wraps a plain {@link
   * X509TrustManager} in one that still checks the host name.
   */
  private static final class AcceptAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
