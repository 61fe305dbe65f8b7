package dev.pizza.jgit.internal.pack;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The hash a repository names its objects with ({@code extensions.objectFormat}): the length of an
 * object id, in bytes, hex digits and the big-endian int words the readers compare. Everything that
 * reads ids from files (pack indexes, commit and tag headers, generation numbers) takes it from
 * here rather than assuming SHA-1's 20 bytes.
 */
public enum ObjectFormat {
  SHA1("sha1", "SHA-1", 20),
  SHA256("sha256", "SHA-256", 32);

  /** Words in the longest id: enough for a word buffer of either format. */
  public static final int MAX_WORDS = 8;

  private final String configName;
  private final String hashName;
  private final int rawLength;

  ObjectFormat(String configName, String hashName, int rawLength) {
    this.configName = configName;
    this.hashName = hashName;
    this.rawLength = rawLength;
  }

  /** The hash's usual name, for messages: {@code SHA-256}. */
  public String hashName() {
    return hashName;
  }

  /** The name git uses for it in {@code extensions.objectFormat}. */
  public String configName() {
    return configName;
  }

  /** Bytes of an id. */
  public int rawLength() {
    return rawLength;
  }

  /** Hex digits of an id. */
  public int hexLength() {
    return rawLength * 2;
  }

  /** Big-endian int words of an id. */
  public int words() {
    return rawLength / 4;
  }

  /** Returns the format git names {@code name} (case-insensitive), or null if it is none. */
  public static @Nullable ObjectFormat byConfigName(String name) {
    for (ObjectFormat f : values()) {
      if (f.configName.equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    return null;
  }
}
