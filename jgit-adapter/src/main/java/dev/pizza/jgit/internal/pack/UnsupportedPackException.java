package dev.pizza.jgit.internal.pack;

import java.io.IOException;

/** Thrown for a pack this reader does not handle; the caller uses JGit's reader instead. */
public final class UnsupportedPackException extends IOException {
  private static final long serialVersionUID = 1L;

  UnsupportedPackException(String message) {
    super(message);
  }
}
