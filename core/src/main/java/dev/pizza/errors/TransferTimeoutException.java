package dev.pizza.errors;

import org.jspecify.annotations.Nullable;

/** The server did not answer within the configured connect or read timeout. */
public final class TransferTimeoutException extends PizzaException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} and {@code cause} must hold no secret. */
  public TransferTimeoutException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception without a cause; {@code message} must hold no secret. */
  public TransferTimeoutException(String message) {
    super(message, null);
  }
}
