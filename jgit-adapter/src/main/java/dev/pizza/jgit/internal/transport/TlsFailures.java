package dev.pizza.jgit.internal.transport;

import dev.pizza.errors.PizzaException;
import dev.pizza.errors.ServerCertificateException;
import dev.pizza.errors.ServerCertificateException.Problem;
import dev.pizza.errors.TransferException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Tells from a cause chain why TLS failed: the server's certificate is not trusted, has expired, or
 * does not name the host; or the handshake failed otherwise. Part of {@link TransferFailures}, with
 * the same rule: the new message names the repository by its URL without credentials, says what to
 * do, and lists the cause chain's class names only.
 */
final class TlsFailures {
  private TlsFailures() {}

  static final String CA_FILE_ADVICE =
      "if the server's certificate comes from a private CA or is self-signed, trust that CA with"
          + " a PEM file: JGitBackend.builder().caFile(file), or GIT_SSL_CAINFO or git's"
          + " http.sslCAInfo where git's settings are honoured (pizza --ca-file FILE)";

  /** Returns the failure {@code e} means if TLS failed, else null. */
  static @Nullable PizzaException classify(String where, Throwable e, String chain) {
    boolean tls = false;
    Problem problem = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        tls = true;
      }
      Problem p = problemOf(t);
      if (p != null && (problem == null || p == Problem.EXPIRED || p == Problem.WRONG_HOST)) {
        problem = p; // the most specific wins: a validator's expiry over its generic wrapper
      }
    }
    if (problem != null) {
      return new ServerCertificateException(problem, message(problem, where, chain));
    }
    if (tls) {
      return new TransferException(
          "the TLS connection to the server of "
              + where
              + " failed (no common protocol or cipher, or the server is not speaking TLS; "
              + chain
              + ")");
    }
    return null;
  }

  private static @Nullable Problem problemOf(Throwable t) {
    if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
      return Problem.EXPIRED;
    }
    if (t instanceof CertPathValidatorException v) {
      if (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED
          || v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
        return Problem.EXPIRED;
      }
      return Problem.UNTRUSTED;
    }
    if (t instanceof CertPathBuilderException) {
      return Problem.UNTRUSTED;
    }
    if (t instanceof CertificateException) {
      // The JDK's host name check says so only in words (sun.security.util.HostnameChecker).
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("no subject alternative") || m.contains("no name matching")) {
        return Problem.WRONG_HOST;
      }
      return Problem.UNTRUSTED;
    }
    return null;
  }

  private static String message(Problem problem, String where, String chain) {
    return switch (problem) {
      case UNTRUSTED ->
          "server certificate verification failed for "
              + where
              + ": it is not signed by a trusted certificate authority; "
              + CA_FILE_ADVICE
              + " ("
              + chain
              + ")";
      case EXPIRED ->
          "server certificate verification failed for "
              + where
              + ": the certificate has expired or is not valid yet; the server's operator must renew"
              + " it (or this machine's clock is wrong); a CA file does not help ("
              + chain
              + ")";
      case WRONG_HOST ->
          "server certificate verification failed for "
              + where
              + ": the certificate does not name the host in the URL; use a host name the"
              + " certificate names, or ask the server's operator for one that names this host ("
              + chain
              + ")";
    };
  }
}
