package dev.pizza.errors;

import org.jspecify.annotations.Nullable;

/** The server answered that no repository exists at the URL (or the local path holds none). */
public final class RepositoryNotFoundException extends PizzaException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} and {@code cause} must hold no secret. */
  public RepositoryNotFoundException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception without a cause; {@code message} must hold no secret. */
  public RepositoryNotFoundException(String message) {
    super(message, null);
  }
}
