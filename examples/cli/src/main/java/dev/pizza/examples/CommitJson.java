package dev.pizza.examples;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Signature;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link CommitRecord} as one line of JSON (no newline inside), with the fields {@code id,
 * parents, author, committer, subject, message, coAuthors, trailers}. A signature is {@code
 * {"name","email","time"}} with the time in ISO-8601 at its recorded offset ({@code
 * 2024-05-01T12:00:00+02:00}; {@code +00:00} for UTC); {@code trailers} maps each key to its
 * values.
 *
 * <p>Strings are escaped by hand: {@code "} and {@code \} with a backslash, control characters (and
 * U+2028, U+2029 and unpaired surrogates, which break some readers) as {@code \}{@code uXXXX};
 * other characters, non-ASCII included, are written as they are, to be encoded as UTF-8.
 */
final class CommitJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * ISO-8601 with the offset always as digits: {@code +00:00}, not {@code Z}, as git records it.
   */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

  private CommitJson() {}

  /** Returns {@code record} as a JSON object on one line, without a line terminator. */
  static String toJson(CommitRecord record) {
    StringBuilder b = new StringBuilder(256 + 2 * record.message().length());
    b.append("{\"id\":");
    quote(b, record.id().hex());
    b.append(",\"parents\":[");
    List<CommitId> parents = record.parents();
    for (int i = 0; i < parents.size(); i++) {
      b.append(i == 0 ? "" : ",");
      quote(b, parents.get(i).hex());
    }
    b.append("],\"author\":");
    signature(b, record.author());
    b.append(",\"committer\":");
    signature(b, record.committer());
    b.append(",\"subject\":");
    quote(b, record.subject());
    b.append(",\"message\":");
    quote(b, record.message());
    b.append(",\"coAuthors\":[");
    List<Identity> coAuthors = record.coAuthors();
    for (int i = 0; i < coAuthors.size(); i++) {
      b.append(i == 0 ? "{\"name\":" : ",{\"name\":");
      quote(b, coAuthors.get(i).name());
      b.append(",\"email\":");
      quote(b, coAuthors.get(i).email());
      b.append('}');
    }
    b.append("],\"trailers\":{");
    boolean first = true;
    for (Map.Entry<String, List<String>> e : record.trailersByKey().entrySet()) {
      b.append(first ? "" : ",");
      first = false;
      quote(b, e.getKey());
      b.append(":[");
      for (int i = 0; i < e.getValue().size(); i++) {
        b.append(i == 0 ? "" : ",");
        quote(b, e.getValue().get(i));
      }
      b.append(']');
    }
    return b.append("}}").toString();
  }

  private static void signature(StringBuilder b, Signature s) {
    b.append("{\"name\":");
    quote(b, s.name());
    b.append(",\"email\":");
    quote(b, s.email());
    b.append(",\"time\":");
    quote(b, TIME.format(s.time()));
    b.append('}');
  }

  /** Returns {@code s} as a JSON string literal, quotes included. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2);
    quote(b, s);
    return b.toString();
  }

  /** Appends {@code s} to {@code b} as a JSON string literal, quotes included. */
  static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
        unicodeEscape(b, c);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        unicodeEscape(b, c);
      } else {
        b.append(c);
      }
    }
    b.append('"');
  }

  private static void unicodeEscape(StringBuilder b, char c) {
    b.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }
}
