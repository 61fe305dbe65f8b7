package dev.pizza.errors;

import org.jspecify.annotations.Nullable;

/** The repository on disk could not be read or written (an I/O error, or a corrupt object). */
public final class RepositoryStorageException extends PizzaException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} and {@code cause} must hold no secret. */
  public RepositoryStorageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception without a cause; {@code message} must hold no secret. */
  public RepositoryStorageException(String message) {
    super(message, null);
  }
}
