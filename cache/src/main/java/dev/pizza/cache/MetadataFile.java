package dev.pizza.cache;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the store keeps about one entry beside its repository, and the text format it is kept in.
 *
 * <p>The format is line based, UTF-8, with every free text value percent-encoded so that no value
 * can contain a line break or a space:
 *
 * <pre>
 * pizza-repo-entry 1
 * key 3f2a...e1
 * url https%3A%2F%2Fgithub.com%2Fopen-sauced%2Fpizza
 * bytes 1048576
 * last-use 2026-11-26T15:35:44.123Z
 * sequence 42
 * attribute depth 1
 * end
 * </pre>
 *
 * <p>{@code sequence} orders entries by last use across runs (higher is more recent). The final
 * {@code end} line marks a complete file: a file without it (truncated) or with any line out of
 * this grammar is refused, and the store removes the entry.
 *
 * @param key the repository key (the file's name)
 * @param url the repository URL without credentials
 * @param bytes the size on disk at the last measurement
 * @param lastUse when it was last released or loaded
 * @param sequence the last-use order: unique, higher is more recent
 * @param attributes what the loader returned
 */
record MetadataFile(
    String key,
    String url,
    long bytes,
    Instant lastUse,
    long sequence,
    Map<String, String> attributes) {
  private static final String MAGIC = "pizza-repo-entry 1";

  MetadataFile {
    attributes = Map.copyOf(attributes);
  }

  /** Returns a copy with a new measurement and use. */
  MetadataFile used(long newBytes, Instant when, long newSequence) {
    return new MetadataFile(key, url, newBytes, when, newSequence, attributes);
  }

  /** Encodes this metadata in the format above. */
  byte[] encode() {
    StringBuilder sb = new StringBuilder();
    sb.append(MAGIC).append('\n');
    sb.append("key ").append(key).append('\n');
    sb.append("url ").append(escape(url)).append('\n');
    sb.append("bytes ").append(bytes).append('\n');
    sb.append("last-use ").append(lastUse).append('\n');
    sb.append("sequence ").append(sequence).append('\n');
    for (Map.Entry<String, String> a : new TreeMap<>(attributes).entrySet()) {
      sb.append("attribute ")
          .append(escape(a.getKey()))
          .append(' ')
          .append(escape(a.getValue()))
          .append('\n');
    }
    sb.append("end\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes a file written by {@link #encode()}.
   *
   * @throws IOException naming what is wrong if the file is truncated, malformed, or not for {@code
   *     expectedKey}
   */
  static MetadataFile decode(String expectedKey, byte[] data) throws IOException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(data))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IOException("metadata is not UTF-8", e);
    }
    if (!text.endsWith("\nend\n")) {
      throw new IOException("metadata is truncated (no end line)");
    }
    List<String> lines = List.of(text.split("\n", -1));
    // The text ends with "end\n", so the last element is empty and the one before is "end".
    if (lines.size() < 8 || !lines.get(0).equals(MAGIC)) {
      throw new IOException("metadata has no '" + MAGIC + "' header or too few lines");
    }
    try {
      String key = field(lines.get(1), "key");
      if (!key.equals(expectedKey)) {
        throw new IOException("metadata is for key " + key + ", not " + expectedKey);
      }
      String url = unescape(field(lines.get(2), "url"));
      long bytes = Long.parseLong(field(lines.get(3), "bytes"));
      Instant lastUse = Instant.parse(field(lines.get(4), "last-use"));
      long sequence = Long.parseLong(field(lines.get(5), "sequence"));
      if (bytes < 0 || sequence < 0) {
        throw new IOException("metadata has a negative size or sequence");
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      for (String line : lines.subList(6, lines.size() - 2)) {
        String[] parts = field(line, "attribute").split(" ", -1);
        if (parts.length != 2) {
          throw new IOException("metadata attribute line is malformed: " + line);
        }
        attributes.put(unescape(parts[0]), unescape(parts[1]));
      }
      return new MetadataFile(key, url, bytes, lastUse, sequence, attributes);
    } catch (NumberFormatException | DateTimeException e) {
      throw new IOException("metadata has a malformed value: " + e.getMessage(), e);
    }
  }

  private static String field(String line, String name) throws IOException {
    String prefix = name + " ";
    if (!line.startsWith(prefix)) {
      throw new IOException("metadata line '" + line + "' is not '" + name + "'");
    }
    return line.substring(prefix.length());
  }

  private static String escape(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String unescape(String s) throws IOException {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IOException("metadata has a malformed escape: " + s, e);
    }
  }
}
