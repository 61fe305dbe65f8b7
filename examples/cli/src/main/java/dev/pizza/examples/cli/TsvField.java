package dev.pizza.examples.cli;

/**
 * Escapes text for one field of a tab-separated line: backslash, tab, carriage return and newline
 * become {@code \\ \t \r \n}, so a field never splits a line or another field.
 */
final class TsvField {
  private TsvField() {}

  /** Returns {@code s} with its backslashes, tabs, carriage returns and newlines escaped. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Reverses {@link #escape}; a backslash before any other character stands for that character. */
  static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 't' ? '\t' : n == 'r' ? '\r' : n == 'n' ? '\n' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
