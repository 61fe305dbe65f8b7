package dev.pizza.errors;

import org.jspecify.annotations.Nullable;

/** The host could not be reached: the name did not resolve, or the connection was refused. */
public final class RepositoryUnreachableException extends PizzaException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} and {@code cause} must hold no secret. */
  public RepositoryUnreachableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception without a cause; {@code message} must hold no secret. */
  public RepositoryUnreachableException(String message) {
    super(message, null);
  }
}
