package dev.pizza.jgit;

import dev.pizza.RepositoryUrl;
import java.util.Locale;

/** Reads the host name out of a normalized repository URL. */
final class Hosts {
  private Hosts() {}

  /** Returns the lowercase host of {@code url} without port or brackets; "" for local ones. */
  static String of(RepositoryUrl url) {
    String s = url.toString();
    int scheme = s.indexOf("://");
    if (scheme < 0 || url.kind() != RepositoryUrl.Kind.REMOTE) {
      return "";
    }
    int start = scheme + 3;
    int end = s.indexOf('/', start);
    String authority = end < 0 ? s.substring(start) : s.substring(start, end);
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      return authority
          .substring(1, close < 0 ? authority.length() : close)
          .toLowerCase(Locale.ROOT);
    }
    int colon = authority.indexOf(':');
    return (colon < 0 ? authority : authority.substring(0, colon)).toLowerCase(Locale.ROOT);
  }
}
