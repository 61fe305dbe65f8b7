package dev.pizza.jgit;

import dev.pizza.AuthenticationException;
import dev.pizza.BakeCancelledException;
import dev.pizza.PizzaException;
import dev.pizza.RepositoryNotFoundException;
import dev.pizza.RepositoryStorageException;
import dev.pizza.RepositoryUnreachableException;
import dev.pizza.RepositoryUrl;
import dev.pizza.TransferException;
import dev.pizza.TransferTimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;

/**
 * Turns what JGit threw during a transfer into the typed failure a caller can act on. The JGit
 * exception is not kept as the cause, because its message may quote the URL as given; the new
 * message names the repository by its URL without credentials, and the kind of failure.
 */
final class TransferFailures {
  private TransferFailures() {}

  static PizzaException classify(RepositoryUrl url, Throwable e) {
    String where = url.toString();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof InvalidRemoteException || t instanceof NoRemoteRepositoryException
          || m.contains("not found") || m.contains("does not appear to be a git repository")
          || m.contains("repository not found") || m.contains("not exported")) {
        return new RepositoryNotFoundException("no repository at " + where);
      }
      if (m.contains("not authorized") || m.contains("authentication") || m.contains("auth fail")
          || m.contains("401") || m.contains("403") || m.contains("credentials")) {
        return new AuthenticationException("authentication required or refused for " + where);
      }
      if (t instanceof SocketTimeoutException || m.contains("timed out") || m.contains("timeout")) {
        return new TransferTimeoutException("timed out talking to " + where);
      }
      if (t instanceof UnknownHostException || t instanceof ConnectException
          || t instanceof NoRouteToHostException || m.contains("connection refused")
          || m.contains("unknown host")) {
        return new RepositoryUnreachableException("cannot reach the host of " + where);
      }
      if (t instanceof InterruptedIOException || m.contains("cancel")) {
        return new BakeCancelledException("the transfer of " + where + " was cancelled");
      }
      if (t instanceof NotSupportedException) {
        return new TransferException("unsupported transport for " + where);
      }
    }
    String kind = e instanceof TransportException ? "the transfer broke off or was corrupt" : "the transfer failed";
    return new TransferException(kind + " for " + where + " (" + e.getClass().getSimpleName() + ")");
  }

  static PizzaException storage(RepositoryUrl url, IOException e) {
    return new RepositoryStorageException(
        "cannot write the mirror of " + url + " (" + e.getClass().getSimpleName() + ")");
  }
}
