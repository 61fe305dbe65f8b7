package dev.pizza.examples.service;

/**
 * A request the service will not carry out, with the HTTP status and the message to answer. The
 * message is written for the caller: it holds no secret and no stack trace.
 */
final class RefusedRequestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final long retryAfterSeconds;

  RefusedRequestException(int status, String message) {
    this(status, message, 0);
  }

  RefusedRequestException(int status, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Returns the HTTP status to answer. */
  int status() {
    return status;
  }

  /** Returns the seconds to put in {@code Retry-After}, or 0 for none. */
  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
