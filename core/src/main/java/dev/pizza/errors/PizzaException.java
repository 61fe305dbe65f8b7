package dev.pizza.errors;

import org.jspecify.annotations.Nullable;

/**
 * A bake failed for a reason the caller can act on; each subclass names one such reason.
 *
 * <p>Messages name the repository by its URL without credentials; no secret ever appears in a
 * message or in a cause chain.
 */
public abstract sealed class PizzaException extends Exception
    permits InvalidRepositoryUrlException,
        LocalAccessDeniedException,
        RepositoryNotFoundException,
        UnsupportedRepositoryException,
        AuthenticationException,
        RepositoryUnreachableException,
        ServerCertificateException,
        TransferTimeoutException,
        TransferException,
        StorageExhaustedException,
        RepositoryStorageException,
        SinkException,
        BakeCancelledException {
  private static final long serialVersionUID = 1L;

  PizzaException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
