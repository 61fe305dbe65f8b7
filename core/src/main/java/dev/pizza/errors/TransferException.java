package dev.pizza.errors;

import org.jspecify.annotations.Nullable;

/**
 * The transfer broke off, or the server sent something that is not a valid git answer. The store
 * keeps no partial repository; the next bake starts clean.
 */
public final class TransferException extends PizzaException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} and {@code cause} must hold no secret. */
  public TransferException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception without a cause; {@code message} must hold no secret. */
  public TransferException(String message) {
    super(message, null);
  }
}
