package dev.pizza.errors;

import org.jspecify.annotations.Nullable;

/** The repository URL is malformed or uses a scheme pizza does not accept. Nothing was changed. */
public final class InvalidRepositoryUrlException extends PizzaException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} and {@code cause} must hold no secret. */
  public InvalidRepositoryUrlException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception without a cause; {@code message} must hold no secret. */
  public InvalidRepositoryUrlException(String message) {
    super(message, null);
  }
}
