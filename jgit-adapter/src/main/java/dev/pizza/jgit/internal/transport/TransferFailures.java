package dev.pizza.jgit.internal.transport;

import dev.pizza.RepositoryUrl;
import dev.pizza.errors.AuthenticationException;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.RepositoryNotFoundException;
import dev.pizza.errors.RepositoryStorageException;
import dev.pizza.errors.RepositoryUnreachableException;
import dev.pizza.errors.StorageExhaustedException;
import dev.pizza.errors.TransferException;
import dev.pizza.errors.TransferTimeoutException;
import dev.pizza.errors.UnsupportedRepositoryException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.errors.TransportException;

/**
 * Turns what JGit threw during a transfer into the typed failure a caller can act on.
 *
 * <p>Secrets: the JGit exception is not kept as the cause, and its message is not copied, because
 * either may quote the URL as given or a server's answer; the new message names the repository by
 * its URL without credentials, the kind of failure, and the class names of the cause chain (which
 * carry no data) for diagnosis.
 */
public final class TransferFailures {
  private TransferFailures() {}

  /**
   * URLs and scp-like locations in a message. Not a redaction: the lowercased message is only
   * matched against failure words and never leaves this class (what leaves is the repository's
   * {@link RepositoryUrl#toString()}, without credentials, and class names); URLs are cut so that
   * names in them ("auth-timeout") do not read as failure words.
   */
  private static final java.util.regex.Pattern URLS =
      java.util.regex.Pattern.compile("[a-z][a-z0-9+.-]*://[^\\s]*|[^\\s@/]+@[^\\s:/]+:[^\\s]*");

  /**
   * Classifies {@code e}.
   *
   * @param cancelled whether the caller asked to stop (then the failure is the cancellation)
   */
  static PizzaException classify(RepositoryUrl url, Throwable e, boolean cancelled) {
    String where = url.toString();
    String chain = chain(e);
    if (cancelled) {
      return Cancellation.failure(where);
    }
    if (advertisesSha256(e)) {
      return unsupportedFormat(url, "SHA-256");
    }
    PizzaException tls = TlsFailures.classify(where, e, chain);
    if (tls != null) {
      return tls;
    }
    // Types first: they are exact. Messages after: JGit reports many failures only in words.
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpRouteException r) {
        return route(where, r, chain);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return timeout(where, chain);
      }
      if (t instanceof UnknownHostException
          || t instanceof ConnectException
          || t instanceof NoRouteToHostException
          || t instanceof UnresolvedAddressException) {
        return unreachable(where, chain);
      }
      if (t instanceof NoRemoteRepositoryException || t instanceof InvalidRemoteException) {
        // Over HTTP a missing repository is a 404; an answer that ends early (JGit reads an
        // EOFException in the ref advertisement as "no repository") is a broken transfer.
        if (isHttp(url) && hasCause(t, EOFException.class)) {
          return new TransferException(
              "the server's ref advertisement for " + where + " ended early (" + chain + ")");
        }
        return notFound(where, chain);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      // URLs are cut out first: a repository named "auth-timeout" must not read as either.
      String m =
          URLS.matcher(String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT)).replaceAll("<url>");
      if (diskFull(m)) {
        return diskFull(where, chain);
      }
      if (m.contains("timed out") || m.contains("timeout")) {
        return timeout(where, chain);
      }
      if (m.contains("connection refused")
          || m.contains("unknown host")
          || m.contains("no route to host")
          || m.contains("network is unreachable")) {
        return unreachable(where, chain);
      }
      if (m.contains("not authorized")
          || m.contains("authentication")
          || m.contains("auth fail")
          || hasStatus(m, "401")
          || hasStatus(m, "403")
          || m.contains("credentialsprovider")
          || m.contains("server key did not validate")
          || m.contains("no more authentication")
          || m.contains("permission denied")) {
        return new AuthenticationException(
            "authentication required or refused for " + where + " (" + chain + ")");
      }
      if (m.contains("not found")
          || m.contains("does not appear to be a git repository")
          || m.contains("not exported")
          || hasStatus(m, "404")) {
        return notFound(where, chain);
      }
      if (t instanceof NotSupportedException) {
        return new TransferException("unsupported transport for " + where + " (" + chain + ")");
      }
    }
    String kind =
        hasTransportException(e)
            ? "the transfer broke off or the server's answer was not valid git"
            : "the transfer failed";
    return new TransferException(kind + " for " + where + " (" + chain + ")");
  }

  /**
   * Whether {@code message} holds the HTTP status {@code code} as a number of its own: not part of
   * a longer number, a port ({@code :40477}) or an address, which messages quoting the URL hold.
   */
  static boolean hasStatus(String message, String code) {
    for (int i = message.indexOf(code); i >= 0; i = message.indexOf(code, i + 1)) {
      char before = i == 0 ? ' ' : message.charAt(i - 1);
      char after = i + code.length() >= message.length() ? ' ' : message.charAt(i + code.length());
      if (!Character.isDigit(before)
          && before != ':'
          && before != '.'
          && !Character.isDigit(after)
          && after != '.') {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the server advertised SHA-256 ids: JGit's transport speaks SHA-1 only, and fails on the
   * first advertised ref line whose id has 64 digits, or that names the {@code object-format}.
   */
  static boolean advertisesSha256(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PackProtocolException) {
        String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("object-format=sha256") || SHA256_ID.matcher(m).find()) {
          return true;
        }
      }
    }
    return false;
  }

  private static final java.util.regex.Pattern SHA256_ID =
      java.util.regex.Pattern.compile("(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])");

  /**
   * The repository at {@code url} names its objects with {@code hash} ("SHA-256"), which JGit's
   * transports cannot fetch.
   */
  public static UnsupportedRepositoryException unsupportedFormat(RepositoryUrl url, String hash) {
    String scheme = url.toString();
    int colon = scheme.indexOf("://");
    String transport =
        colon > 0 ? scheme.substring(0, colon).toUpperCase(Locale.ROOT) : "this transport";
    if (transport.startsWith("HTTP")) {
      transport = "HTTP";
    } else if (transport.equals("FILE")) {
      transport = "file://";
    }
    return new UnsupportedRepositoryException(
        "this repository uses "
            + hash
            + " objects; fetching it over "
            + transport
            + " is not supported ("
            + url
            + "); bake a local clone of it by its path instead");
  }

  /** A local write failed while storing {@code url}. */
  static PizzaException storage(RepositoryUrl url, IOException e) {
    if (diskFull(String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT))) {
      return diskFull(url.toString(), chain(e));
    }
    return new RepositoryStorageException(
        "cannot write the mirror of " + url + " (" + chain(e) + ")");
  }

  /** A proxy or redirect failure: its message was written to hold no secret, so it is kept. */
  private static PizzaException route(String where, HttpRouteException r, String chain) {
    String m = r.getMessage() + " for " + where + " (" + chain + ")";
    return switch (r.kind()) {
      case PROXY_AUTHENTICATION -> new AuthenticationException(m);
      case PROXY_UNREACHABLE -> new RepositoryUnreachableException(m);
      case PROXY_REFUSED, REDIRECT_REFUSED -> new TransferException(m);
    };
  }

  /** Whether a lowercased message says the file system is full. */
  private static boolean diskFull(String message) {
    return message.contains("no space left") || message.contains("disk quota");
  }

  private static PizzaException diskFull(String where, String chain) {
    return new StorageExhaustedException(
        "the disk is full while storing " + where + " (" + chain + ")");
  }

  private static PizzaException timeout(String where, String chain) {
    return new TransferTimeoutException("timed out talking to " + where + " (" + chain + ")");
  }

  private static PizzaException unreachable(String where, String chain) {
    return new RepositoryUnreachableException(
        "cannot reach the host of " + where + " (" + chain + ")");
  }

  private static PizzaException notFound(String where, String chain) {
    return new RepositoryNotFoundException("no repository at " + where + " (" + chain + ")");
  }

  private static boolean isHttp(RepositoryUrl url) {
    String u = url.toString();
    return u.startsWith("http://") || u.startsWith("https://");
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasTransportException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TransportException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the simple class names of the cause chain: {@code "TransportException < EOFException"}.
   */
  static String chain(Throwable e) {
    StringBuilder b = new StringBuilder();
    int depth = 0;
    for (Throwable t = e; t != null && depth < 6; t = t.getCause(), depth++) {
      if (b.length() > 0) {
        b.append(" < ");
      }
      b.append(t.getClass().getSimpleName());
    }
    return b.toString();
  }
}
