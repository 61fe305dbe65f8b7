package dev.pizza.examples.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes string values through a Jackson generator byte for byte as {@link
 * JsonGenerator#writeString(String)} does, cheaper for the usual ASCII text of commits.
 *
 * <p>Jackson reads a {@code String} one {@code charAt} at a time, and UTF-8 input that needs
 * escaping (every message with a line break) in two passes; in the C1-compiled code of a short bake
 * that was about a fifth of the main thread's CPU on a real history. Here an ASCII string is copied
 * out in one go ({@code getBytes(ISO_8859_1)} of a Latin-1 string is an array copy), scanned (most
 * names, emails and subjects need no escape, and are handed over as they are) or escaped in one
 * tight loop over the bytes with Jackson's default escapes ({@code \"}, {@code \\}, {@code \n},
 * {@code \t}, {@code \r}, {@code \b}, {@code \f}, other controls as a backslash, {@code u} and four
 * hex digits), and handed over with {@link JsonGenerator#writeRawUTF8String}. Anything else (a
 * character past ASCII, which {@code writeString} encodes or escapes its own way) goes to {@code
 * writeString} itself. The generator must have Jackson's default escaping (no custom character
 * escapes, no escaping of non-ASCII or of slashes). Not thread safe.
 */
final class JsonStrings {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /** A byte copied as it is. */
  private static final byte COPY = 0;

  /** A control character without a two-character escape: six bytes, backslash u and four digits. */
  private static final byte HEX_ESCAPE = -1;

  /** A byte past ASCII: the string is left to {@code writeString}. */
  private static final byte NON_ASCII = -2;

  /** A question mark, which may stand for a character that is not Latin-1. */
  private static final byte QUESTION_MARK = 1;

  /** What to do with each byte ({@code b & 0xff}): a letter is a two-character escape. */
  private static final byte[] ACTIONS = actions();

  private static byte[] actions() {
    byte[] a = new byte[256];
    for (int i = 0; i < 0x20; i++) {
      a[i] = HEX_ESCAPE;
    }
    for (int i = 0x80; i < 0x100; i++) {
      a[i] = NON_ASCII;
    }
    a['"'] = '"';
    a['\\'] = '\\';
    a['\b'] = 'b';
    a['\t'] = 't';
    a['\n'] = 'n';
    a['\f'] = 'f';
    a['\r'] = 'r';
    a['?'] = QUESTION_MARK;
    return a;
  }

  /** Longer strings go to {@code writeString}, so the buffer (six bytes a char) stays small. */
  private static final int MAX_CHARS = 1 << 16;

  private final JsonGenerator json;
  private byte[] out = new byte[1024];

  JsonStrings(JsonGenerator json) {
    this.json = json;
  }

  /** Writes {@code s} as {@code json.writeString(s)} would. */
  void write(String s) throws IOException {
    int n = s.length();
    if (n > MAX_CHARS) {
      json.writeString(s);
      return;
    }
    // For a string of Latin-1 characters this is a copy of its bytes. Any other character becomes
    // '?' (a surrogate pair one '?' for its two chars), which the loops below tell from a real one.
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    if (b.length != n) {
      json.writeString(s);
      return;
    }
    byte[] actions = ACTIONS;
    int i = 0;
    while (i < n && actions[b[i] & 0xff] == COPY) {
      i++;
    }
    if (i == n) { // nothing to escape (a name, an email, most subjects): Jackson copies it
      json.writeRawUTF8String(b, 0, n);
      return;
    }
    byte[] o = out;
    if (o.length < 6 * n) {
      o = new byte[Math.max(6 * n, 2 * o.length)];
      out = o;
    }
    System.arraycopy(b, 0, o, 0, i);
    int at = i;
    for (; i < n; i++) {
      byte c = b[i];
      byte a = actions[c & 0xff];
      if (a == COPY) {
        o[at++] = c;
      } else if (a > QUESTION_MARK) {
        o[at++] = '\\';
        o[at++] = a;
      } else if (a == QUESTION_MARK) {
        if (s.charAt(i) != '?') {
          json.writeString(s);
          return;
        }
        o[at++] = c;
      } else if (a == HEX_ESCAPE) {
        o[at++] = '\\';
        o[at++] = 'u';
        o[at++] = '0';
        o[at++] = '0';
        o[at++] = HEX[c >> 4];
        o[at++] = HEX[c & 15];
      } else { // NON_ASCII
        json.writeString(s);
        return;
      }
    }
    json.writeRawUTF8String(o, 0, at);
  }

  /** Writes {@code hex}, known to hold only characters that need no escaping (an object id). */
  void writePlain(String hex) throws IOException {
    byte[] b = hex.getBytes(StandardCharsets.ISO_8859_1);
    json.writeRawUTF8String(b, 0, b.length);
  }
}
