package dev.pizza.errors;

import org.jspecify.annotations.Nullable;

/** The server requires credentials, or refused the ones given. */
public final class AuthenticationException extends PizzaException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} and {@code cause} must hold no secret. */
  public AuthenticationException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception without a cause; {@code message} must hold no secret. */
  public AuthenticationException(String message) {
    super(message, null);
  }
}
