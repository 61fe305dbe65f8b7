package dev.pizza.errors;

import org.jspecify.annotations.Nullable;

/**
 * The repository is in a form this backend cannot read or transfer exactly: an object format it
 * cannot fetch (a SHA-256 repository over a transport that speaks SHA-1 only), or a repository
 * extension it does not know, which git itself would refuse too. Raised before anything is written
 * to the store or the sink; retrying does not help.
 */
public final class UnsupportedRepositoryException extends PizzaException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} and {@code cause} must hold no secret. */
  public UnsupportedRepositoryException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception without a cause; {@code message} must hold no secret. */
  public UnsupportedRepositoryException(String message) {
    super(message, null);
  }
}
