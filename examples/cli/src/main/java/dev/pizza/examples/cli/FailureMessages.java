package dev.pizza.examples.cli;

import dev.pizza.errors.AuthenticationException;
import dev.pizza.errors.BakeCancelledException;
import dev.pizza.errors.InvalidRepositoryUrlException;
import dev.pizza.errors.LocalAccessDeniedException;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.RepositoryNotFoundException;
import dev.pizza.errors.RepositoryStorageException;
import dev.pizza.errors.RepositoryUnreachableException;
import dev.pizza.errors.ServerCertificateException;
import dev.pizza.errors.SinkException;
import dev.pizza.errors.StorageExhaustedException;
import dev.pizza.errors.TransferException;
import dev.pizza.errors.TransferTimeoutException;
import dev.pizza.errors.UnsupportedRepositoryException;

/**
 * Says in one line, for a person at a terminal, why a repository failed: the argument as typed
 * (redacted and escaped, see {@link Echo}), what the failure's type means, then the exception's own
 * message (which names the repository and holds no secret), escaped.
 */
final class FailureMessages {
  private FailureMessages() {}

  /** Returns {@code pizza: ARG: MEANING: MESSAGE} on one line. */
  static String describe(String argument, Throwable failure) {
    return describe(argument, meaning(failure), failure);
  }

  /** Returns {@code pizza: ARG: MEANING: MESSAGE} on one line, with the meaning given. */
  static String describe(String argument, String meaning, Throwable failure) {
    String message = String.valueOf(failure.getMessage()).strip();
    if (failure instanceof StorageExhaustedException) {
      message = inOptionNames(message);
    }
    return "pizza: " + Echo.argument(argument) + ": " + meaning + ": " + Echo.escape(message);
  }

  /**
   * Says that the JVM's heap was too small, its limit, and how to raise it as the README says: the
   * JVM options of {@code java -jar} (which the worker gets, {@link WorkerJvm}) or {@code
   * JAVA_OPTS} of the {@code pizza} script. The example is twice the heap in whole GiB, at least
   * 2g, so that it is larger than the heap that was too small.
   */
  static String outOfMemory() {
    long max = Runtime.getRuntime().maxMemory();
    if (max == Long.MAX_VALUE) {
      return "out of memory (raise the Java heap with -Xmx, e.g. java -Xmx2g -jar pizza.jar ...)";
    }
    String more = "-Xmx" + Math.max(2, 2 * ((max + (1L << 30) - 1) >> 30)) + "g";
    return "out of memory (the Java heap of about "
        + (max >> 20)
        + " MiB is too small for it; raise it with -Xmx, e.g. java "
        + more
        + " -jar pizza.jar ... or JAVA_OPTS="
        + more
        + " pizza ...)";
  }

  /**
   * Names the store's budgets as this program's options do: the library says {@code max-bytes} and
   * {@code min-free-bytes} (its builder's names), a user typed {@code --max-size} and {@code
   * --min-free}.
   */
  static String inOptionNames(String storeMessage) {
    return storeMessage.replace("min-free-bytes", "--min-free").replace("max-bytes", "--max-size");
  }

  /**
   * Returns what a failure of this type means. Running out of memory, here or as the cause of a
   * library failure, is said as such with the option that raises the heap, and so is a stack that
   * overflowed: the input was larger than the JVM was given, not an internal error.
   */
  static String meaning(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return outOfMemory();
      } else if (t instanceof StackOverflowError) {
        return "out of stack (run java with a larger -Xss, e.g. java -Xss16m -jar pizza.jar)";
      }
    }
    if (!(failure instanceof PizzaException)) {
      return "internal error ("
          + failure.getClass().getName()
          + "; run with --verbose for details)";
    }
    // PizzaException is sealed: one branch per permitted subclass.
    if (failure instanceof InvalidRepositoryUrlException) {
      return "not a repository URL or path";
    } else if (failure instanceof LocalAccessDeniedException) {
      return "reading the local disk is not allowed";
    } else if (failure instanceof RepositoryNotFoundException) {
      return "no repository there";
    } else if (failure instanceof UnsupportedRepositoryException) {
      return "the repository's format is not supported";
    } else if (failure instanceof AuthenticationException) {
      return "credentials required or refused";
    } else if (failure instanceof RepositoryUnreachableException) {
      return "host unreachable";
    } else if (failure instanceof ServerCertificateException) {
      return "the server's certificate was refused";
    } else if (failure instanceof TransferTimeoutException) {
      return "the server did not answer in time";
    } else if (failure instanceof TransferException) {
      return "the transfer failed";
    } else if (failure instanceof StorageExhaustedException) {
      return "the repository cache is full";
    } else if (failure instanceof RepositoryStorageException) {
      return "cannot read or write the repository on disk";
    } else if (failure instanceof SinkException) {
      return "cannot record the commits in the data directory";
    } else if (failure instanceof BakeCancelledException) {
      return "cancelled";
    }
    return "failed";
  }
}
