package dev.pizza.errors;

import org.jspecify.annotations.Nullable;

/**
 * The URL names the local file system ({@code file://} or a path) and the oven was not allowed to
 * read it. Nothing was read.
 */
public final class LocalAccessDeniedException extends PizzaException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} and {@code cause} must hold no secret. */
  public LocalAccessDeniedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception without a cause; {@code message} must hold no secret. */
  public LocalAccessDeniedException(String message) {
    super(message, null);
  }
}
