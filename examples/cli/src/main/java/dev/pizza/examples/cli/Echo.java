package dev.pizza.examples.cli;

import dev.pizza.RepositoryUrl;
import java.util.Locale;

/**
 * Makes text from the input safe to print on one terminal line: arguments pass through the one
 * shared redaction ({@link RepositoryUrl#redact}), so no credential is echoed, and control
 * characters ({@code \n}, {@code \r}, ESC, BEL, ...) are shown escaped, so input can neither split
 * a message into several lines nor colour or move the terminal.
 */
final class Echo {
  private Echo() {}

  /** Returns a command-line argument as a message may show it: redacted, then escaped. */
  static String argument(String argument) {
    return escape(RepositoryUrl.redact(argument));
  }

  /**
   * Returns a message that may quote arguments as typed (picocli's usage errors do): every argument
   * found in it is replaced by its {@link #argument} form, then what is left is escaped.
   */
  static String message(String message, String... arguments) {
    String m = message;
    for (String a : arguments) {
      if (!a.isEmpty() && m.contains(a)) {
        m = m.replace(a, RepositoryUrl.redact(a));
      }
    }
    return escape(m);
  }

  /**
   * Returns {@code text} with each control character written as an escape: {@code \n}, {@code \r},
   * {@code \t}, {@code \\} stays, others as {@code \x1b} or {@code \u2028}.
   */
  static String escape(String text) {
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isControl(c)) {
        if (b != null) {
          b.append(c);
        }
        continue;
      }
      if (b == null) {
        b = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default ->
            b.append(
                c < 0x100
                    ? String.format(Locale.ROOT, "\\x%02x", (int) c)
                    : String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return b == null ? text : b.toString();
  }

  /** Returns whether {@code s} holds a control character or starts or ends with white space. */
  static boolean isUnsafe(String s) {
    if (!s.equals(s.strip())) {
      return true;
    }
    return s.chars().anyMatch(c -> isControl((char) c));
  }

  private static boolean isControl(char c) {
    return c < 0x20
        || (c >= 0x7f && c < 0xa0)
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u200e'
        || c == '\u200f'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
