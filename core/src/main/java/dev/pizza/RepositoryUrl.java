package dev.pizza;

import dev.pizza.errors.InvalidRepositoryUrlException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A validated, normalized repository location. Immutable.
 *
 * <p>Accepted forms: {@code https://}, {@code http://}, {@code git://}, {@code ssh://}, the
 * scp-like {@code user@host:path}, {@code file://}, and a local path (absolute, or starting with
 * {@code .} or {@code /}). Normalization follows the original service and extends it: scheme and
 * host in lowercase, default ports dropped, trailing {@code /} and {@code .git} removed; the scp
 * form becomes {@code ssh://host/path}; a local path becomes absolute.
 *
 * <p>User info ({@code user:token@}) is split off into {@link #credentials()}: it is used to clone
 * and never appears in {@link #toString()}, {@link #id()}, logs or exception messages.
 */
public final class RepositoryUrl {
  /** What kind of location a URL names, which decides how the oven may read it. */
  public enum Kind {
    /** A network URL: https, http, git, ssh (or scp-like). */
    REMOTE,
    /** A {@code file://} URL: cloned into the store like a remote, but reads the local disk. */
    FILE,
    /** A local directory holding a repository: read in place and never written. */
    LOCAL_PATH
  }

  private static final Pattern NETWORK =
      Pattern.compile(
          "(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?:(?<user>[^@/]*)@)?(?<host>\\[[0-9A-Fa-f:.]+\\]|[^/:@]*)(?::(?<port>[0-9]{1,5}))?(?<path>/.*)?");
  private static final Pattern SCP =
      Pattern.compile("(?:(?<user>[^@/:]+)@)?(?<host>[A-Za-z0-9.-]+):(?<path>[^/].*|/.+)");
  private static final Pattern HOST =
      Pattern.compile(
          "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\\[[0-9a-f:.]+\\]");
  private static final int MAX_LENGTH = 2048;

  private final Kind kind;
  private final String normalized;
  private final String transfer;
  private final @Nullable UrlCredentials credentials;
  private final RepositoryId id;

  /**
   * @param normalized the key's form: no {@code .git}, no trailing {@code /}
   * @param transfer where the bytes come from: the same, but with the path as given (a {@code .git}
   *     suffix kept), so a server holding both {@code /x} and {@code /x.git} serves the one named
   */
  private RepositoryUrl(
      Kind kind, String normalized, String transfer, @Nullable UrlCredentials credentials) {
    this.kind = kind;
    this.normalized = normalized;
    this.transfer = transfer;
    this.credentials = credentials;
    this.id = new RepositoryId(keyOf(normalized), normalized);
  }

  /**
   * Parses and normalizes {@code text}.
   *
   * @throws InvalidRepositoryUrlException if it is not an accepted form; the message quotes the
   *     text with any user info hidden
   */
  public static RepositoryUrl parse(String text) throws InvalidRepositoryUrlException {
    String t = text.strip();
    if (t.isEmpty()) {
      throw invalid(text, "it is empty");
    }
    if (t.length() > MAX_LENGTH) {
      throw invalid(text, "it is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < 0x20 || c == 0x7f || Character.isWhitespace(c)) {
        throw invalid(text, "it contains whitespace or a control character");
      }
    }
    if (t.indexOf('\\') >= 0 && t.contains("://")) {
      // "http://evil\@host/x": parsers disagree on where user info ends; refuse rather than guess.
      throw invalid(text, "it contains a backslash");
    }
    if (t.contains("://")) {
      return parseNetwork(text, t);
    }
    int at = t.indexOf('@');
    if (!t.startsWith("/")
        && !t.startsWith(".")
        && at >= 0
        && t.substring(0, at).indexOf(':') >= 0
        && t.substring(0, at).indexOf('/') < 0
        && t.indexOf(':', at) >= 0) {
      // "alice:SECRET@host:path": git's scp form has no password; read as scp it would become
      // ssh://alice/SECRET@host:path, the password in the path. Refuse it.
      throw invalid(text, "the scp-like form user@host:path cannot carry a password");
    }
    Matcher scp = SCP.matcher(t);
    if (!t.startsWith("/") && !t.startsWith(".") && scp.matches()) {
      String host = scp.group("host").toLowerCase(Locale.ROOT);
      checkHost(text, host);
      String given =
          scp.group("path").startsWith("/") ? scp.group("path") : "/" + scp.group("path");
      String path = cleanPath(text, given);
      return new RepositoryUrl(
          Kind.REMOTE,
          "ssh://" + host + path,
          "ssh://" + host + asGiven(given),
          credentialsOf(scp.group("user")));
    }
    return parseLocal(text, t);
  }

  private static RepositoryUrl parseNetwork(String original, String t)
      throws InvalidRepositoryUrlException {
    Matcher m = NETWORK.matcher(t);
    if (!m.matches()) {
      throw invalid(original, "it is not of the form scheme://host/path");
    }
    String scheme = m.group("scheme").toLowerCase(Locale.ROOT);
    String rawPath = m.group("path") == null ? "" : m.group("path");
    if (rawPath.contains("?") || rawPath.contains("#")) {
      throw invalid(original, "it has a query or fragment");
    }
    if (scheme.equals("file")) {
      if (!m.group("host").isEmpty() && !m.group("host").equalsIgnoreCase("localhost")) {
        throw invalid(original, "a file URL names no host");
      }
      String path = cleanPath(original, rawPath);
      return new RepositoryUrl(Kind.FILE, "file://" + path, "file://" + asGiven(rawPath), null);
    }
    int defaultPort;
    switch (scheme) {
      case "https" -> defaultPort = 443;
      case "http" -> defaultPort = 80;
      case "git" -> defaultPort = 9418;
      case "ssh" -> defaultPort = 22;
      default ->
          throw invalid(
              original, "scheme '" + scheme + "' is not one of https, http, git, ssh, file");
    }
    String host = ipv6WithoutDottedQuad(original, m.group("host").toLowerCase(Locale.ROOT));
    checkHost(original, host);
    String port = m.group("port");
    String authority = host;
    if (port != null) {
      int p = Integer.parseInt(port);
      if (p < 1 || p > 65535) {
        throw invalid(original, "port " + p + " is out of range");
      }
      if (p != defaultPort) {
        authority = host + ":" + p;
      }
    }
    String path = cleanPath(original, rawPath);
    return new RepositoryUrl(
        Kind.REMOTE,
        scheme + "://" + authority + path,
        scheme + "://" + authority + asGiven(rawPath),
        credentialsOf(m.group("user")));
  }

  private static RepositoryUrl parseLocal(String original, String t)
      throws InvalidRepositoryUrlException {
    try {
      Path p = Path.of(t).toAbsolutePath().normalize();
      String s = p.toString();
      while (s.length() > 1 && s.endsWith("/")) {
        s = s.substring(0, s.length() - 1);
      }
      return new RepositoryUrl(Kind.LOCAL_PATH, s, s, null);
    } catch (InvalidPathException e) {
      throw invalid(original, "it is neither a URL nor a valid local path");
    }
  }

  private static void checkHost(String original, String host) throws InvalidRepositoryUrlException {
    if (host.isEmpty()) {
      throw invalid(original, "it names no host");
    }
    if (!HOST.matcher(host).matches()) {
      throw invalid(original, "host '" + host + "' is not a valid host name");
    }
  }

  /**
   * Writes the IPv4 tail of a bracketed IPv6 address in hex ({@code [::ffff:127.0.0.1]} becomes
   * {@code [::ffff:7f00:1]}): one key for both spellings, and git transports (JGit's URIish) read
   * only the hex form.
   */
  private static String ipv6WithoutDottedQuad(String original, String host)
      throws InvalidRepositoryUrlException {
    if (!host.startsWith("[") || !host.endsWith("]") || host.indexOf('.') < 0) {
      return host;
    }
    String inner = host.substring(1, host.length() - 1);
    int colon = inner.lastIndexOf(':');
    String[] quad = inner.substring(colon + 1).split("\\.", -1);
    if (colon < 0 || quad.length != 4) {
      throw invalid(original, "host '" + host + "' is not a valid IPv6 address");
    }
    int[] b = new int[4];
    for (int i = 0; i < 4; i++) {
      if (!quad[i].matches("[0-9]{1,3}") || Integer.parseInt(quad[i]) > 255) {
        throw invalid(original, "host '" + host + "' is not a valid IPv6 address");
      }
      b[i] = Integer.parseInt(quad[i]);
    }
    return "["
        + inner.substring(0, colon + 1)
        + Integer.toHexString(b[0] << 8 | b[1])
        + ":"
        + Integer.toHexString(b[2] << 8 | b[3])
        + "]";
  }

  /**
   * Collapses runs of {@code /}, drops trailing slashes and one .git suffix; refuses an empty path
   * and dot segments, also percent-encoded ones ({@code %2e%2e}), which a server decodes.
   */
  private static String cleanPath(String original, String path)
      throws InvalidRepositoryUrlException {
    String p = path;
    while (p.contains("//")) {
      p = p.replace("//", "/");
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.endsWith(".git")) {
      p = p.substring(0, p.length() - 4);
      while (p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
    }
    if (p.isEmpty()) {
      throw invalid(original, "it names no repository path");
    }
    for (String segment : p.split("/")) {
      String decoded = segment.replace("%2e", ".").replace("%2E", ".");
      if (decoded.equals("..") || decoded.equals(".")) {
        throw invalid(original, "its path has a '.' or '..' segment");
      }
    }
    return p;
  }

  /** Returns a path as given, without trailing slashes (already checked by {@link #cleanPath}). */
  private static String asGiven(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static @Nullable UrlCredentials credentialsOf(@Nullable String userInfo) {
    if (userInfo == null || userInfo.isEmpty()) {
      return null;
    }
    int colon = userInfo.indexOf(':');
    return colon < 0
        ? new UrlCredentials(userInfo, null)
        : new UrlCredentials(userInfo.substring(0, colon), userInfo.substring(colon + 1));
  }

  private static InvalidRepositoryUrlException invalid(String text, String why) {
    return new InvalidRepositoryUrlException(
        "invalid repository URL '" + redact(text) + "': " + why);
  }

  /**
   * Returns a well-formed URL without its user info ({@code https://user:token@host/x} becomes
   * {@code https://host/x}). With {@link #redact} the one place where credentials are cut out of
   * text: this for URLs the library stores and shows, {@code redact} for text that may not be a URL
   * at all.
   */
  public static String withoutCredentials(String url) {
    return hideQuery(url.replaceAll("(?<=://)[^@/]*@", ""));
  }

  /**
   * Returns {@code text} with anything that may be user info (all of it before the last {@code @},
   * after any scheme) replaced by {@code ***}, and every value of a query or fragment ({@code
   * ?access_token=SECRET}) replaced by {@code ***} (keys kept), cut to about 200 characters.
   */
  public static String redact(String text) {
    // Everything before the last '@' may be user info, even in text that is not a URL at all
    // ("user:pass word@host"): hide all of it, keeping only a scheme. Truncate after hiding, so
    // a long password cannot push its '@' out of view.
    String s = hideQuery(text.replaceAll("^([A-Za-z][A-Za-z0-9+.-]*://)?[\\s\\S]*@", "$1***@"));
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  /**
   * Hides the values of a query or fragment: from the first {@code ?} or {@code #} on, each {@code
   * key=value} becomes {@code key=***} and each bare part ({@code ?TOKEN}) {@code ***}.
   */
  private static String hideQuery(String text) {
    int q = -1;
    for (int i = 0; i < text.length() && q < 0; i++) {
      if (text.charAt(i) == '?' || text.charAt(i) == '#') {
        q = i;
      }
    }
    if (q < 0) {
      return text;
    }
    String tail =
        text.substring(q)
            .replaceAll("([?#&;][^=?#&;]*=)[^?#&;]*", "$1***")
            .replaceAll("([?#&;])[^=?#&;]+(?=[?#&;]|$)", "$1***");
    return text.substring(0, q) + tail;
  }

  private static String keyOf(String normalized) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** Returns the kind of location. */
  public Kind kind() {
    return kind;
  }

  /** Returns the repository's name for keys, logs, results and sinks: no credentials. */
  public RepositoryId id() {
    return id;
  }

  /** Returns the credentials the URL carried, if any. Never log them. */
  public Optional<UrlCredentials> credentials() {
    return Optional.ofNullable(credentials);
  }

  /** Returns the local directory of a {@link Kind#LOCAL_PATH} or {@link Kind#FILE} location. */
  public Path localPath() {
    return switch (kind) {
      case LOCAL_PATH -> Path.of(normalized);
      case FILE -> Path.of(transfer.substring("file://".length()));
      case REMOTE ->
          throw new IllegalStateException("a remote URL has no local path: " + normalized);
    };
  }

  /**
   * Returns the URL to hand to a git transport: the URL as given (scheme and host normalized, the
   * path as typed, {@code .git} kept, trailing {@code /} dropped), with the user name only for
   * {@code ssh://} (where it selects the account, as in {@code git@host}) and never a password. For
   * scp-like input this is the equivalent {@code ssh://} URL. Over https a user name may be a
   * token, so it is passed through {@link #credentials()} instead. Never log this string.
   */
  public String transportUrl() {
    if (!transfer.startsWith("ssh://") || credentials == null || credentials.user().isEmpty()) {
      return transfer;
    }
    int at = transfer.indexOf("://") + 3;
    return transfer.substring(0, at) + credentials.user() + "@" + transfer.substring(at);
  }

  /** Returns the normalized URL without credentials. */
  @Override
  public String toString() {
    return normalized;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RepositoryUrl other
        && kind == other.kind
        && normalized.equals(other.normalized)
        && transfer.equals(other.transfer)
        && java.util.Objects.equals(credentials, other.credentials);
  }

  @Override
  public int hashCode() {
    return normalized.hashCode();
  }
}
