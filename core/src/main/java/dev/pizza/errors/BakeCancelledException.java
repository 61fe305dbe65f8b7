package dev.pizza.errors;

import org.jspecify.annotations.Nullable;

/**
 * The bake was cancelled by the caller before it finished. The sink's checkpoint was not advanced.
 */
public final class BakeCancelledException extends PizzaException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} and {@code cause} must hold no secret. */
  public BakeCancelledException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception without a cause; {@code message} must hold no secret. */
  public BakeCancelledException(String message) {
    super(message, null);
  }
}
