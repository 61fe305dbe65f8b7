package dev.pizza.errors;

import org.jspecify.annotations.Nullable;

/**
 * The sink threw. Its checkpoint was not advanced, so the next bake re-delivers from the old
 * checkpoint.
 */
public final class SinkException extends PizzaException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} and {@code cause} must hold no secret. */
  public SinkException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception without a cause; {@code message} must hold no secret. */
  public SinkException(String message) {
    super(message, null);
  }
}
