package dev.pizza.errors;

import org.jspecify.annotations.Nullable;

/**
 * The repository store cannot make room within its byte budget or free-space floor: every entry
 * that could be evicted was, and the rest are pinned or in use.
 */
public final class StorageExhaustedException extends PizzaException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} and {@code cause} must hold no secret. */
  public StorageExhaustedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception without a cause; {@code message} must hold no secret. */
  public StorageExhaustedException(String message) {
    super(message, null);
  }
}
