package dev.pizza.jgit.internal.transport;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A request could not take its route: the proxy could not be reached, asked for credentials or
 * refused them, or would not open a tunnel; or the server redirected to another scheme. Thrown from
 * inside JGit's HTTP transport and found again by {@link TransferFailures}, which keeps the
 * message: it is written to hold no secret (proxies are named by {@link HttpProxy#toString()}).
 */
final class HttpRouteException extends IOException {
  private static final long serialVersionUID = 1L;

  enum Kind {
    PROXY_UNREACHABLE,
    PROXY_AUTHENTICATION,
    PROXY_REFUSED,
    REDIRECT_REFUSED
  }

  private final Kind kind;

  HttpRouteException(Kind kind, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }
}
