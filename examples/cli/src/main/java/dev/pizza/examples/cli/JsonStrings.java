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
 * out in one go ({@code getBytes(ISO_8859_1)} of a Latin-1 string is an array copy), escaped in one
 * tight loop over the bytes with Jackson's default escapes ({@code \"}, {@code \\}, {@code \n},
 * {@code \t}, {@code \r}, {@code \b}, {@code \f}, other controls as a backslash, {@code u} and four
 * hex digits), and handed over with {@link JsonGenerator#writeRawUTF8String}. Anything else (a
 * character past ASCII, which {@code writeString} encodes or escapes its own way) goes to {@code
 * writeString} itself. The generator must have Jackson's default escaping (no custom character
 * escapes, no escaping of non-ASCII or of slashes). Not thread safe.
 */
final class JsonStrings {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /** For each ASCII byte: 0 to copy it, a letter for a two-byte escape, -1 for the six-byte one. */
  private static final byte[] ESCAPES = escapes();

  private static byte[] escapes() {
    byte[] e = new byte[128];
    for (int i = 0; i < 0x20; i++) {
      e[i] = -1;
    }
    e['"'] = '"';
    e['\\'] = '\\';
    e['\b'] = 'b';
    e['\t'] = 't';
    e['\n'] = 'n';
    e['\f'] = 'f';
    e['\r'] = 'r';
    return e;
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
    // '?' (a surrogate pair one '?' for its two chars), which the loop below tells from a real one.
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    if (b.length != n) {
      json.writeString(s);
      return;
    }
    byte[] o = out;
    if (o.length < 6 * n) {
      o = new byte[Math.max(6 * n, 2 * o.length)];
      out = o;
    }
    byte[] escapes = ESCAPES;
    int at = 0;
    for (int i = 0; i < n; i++) {
      byte c = b[i];
      if (c < 0) { // Latin-1 past ASCII: two bytes in UTF-8
        json.writeString(s);
        return;
      }
      byte e = escapes[c];
      if (e == 0) {
        if (c == '?' && s.charAt(i) != '?') {
          json.writeString(s);
          return;
        }
        o[at++] = c;
      } else if (e > 0) {
        o[at++] = '\\';
        o[at++] = e;
      } else {
        o[at++] = '\\';
        o[at++] = 'u';
        o[at++] = '0';
        o[at++] = '0';
        o[at++] = HEX[c >> 4];
        o[at++] = HEX[c & 15];
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
