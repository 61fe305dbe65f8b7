package dev.pizza.errors;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The server's TLS certificate was refused, so nothing was transferred. {@link #problem()} says
 * why; the message says the same and what to do about it.
 */
public final class ServerCertificateException extends PizzaException {
  private static final long serialVersionUID = 1L;

  /** Why a server certificate was refused. */
  public enum Problem {
    /**
     * No chain from the certificate to a trusted certificate authority: a private CA, or a
     * self-signed certificate. Fixed by trusting the CA (a CA file).
     */
    UNTRUSTED,
    /** The certificate, or one in its chain, has expired or is not valid yet. */
    EXPIRED,
    /** The certificate does not name the host the URL names. */
    WRONG_HOST
  }

  private final Problem problem;

  /** Creates the exception; {@code message} and {@code cause} must hold no secret. */
  public ServerCertificateException(Problem problem, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.problem = Objects.requireNonNull(problem);
  }

  /** Creates the exception without a cause; {@code message} must hold no secret. */
  public ServerCertificateException(Problem problem, String message) {
    this(problem, message, null);
  }

  /** Returns why the certificate was refused. */
  public Problem problem() {
    return problem;
  }
}
