package dev.pizza;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The id of a git commit: its object name as lowercase hexadecimal (40 digits for SHA-1, 64 for
 * SHA-256).
 *
 * @param hex the object name, lowercase hexadecimal
 */
public record CommitId(String hex) implements Comparable<CommitId> {

  /** Validates and normalizes {@code hex} to lowercase. */
  public CommitId {
    if (hex.length() != 40 && hex.length() != 64) {
      throw new IllegalArgumentException(
          "a commit id has 40 or 64 hex digits, got " + hex.length() + ": " + hex);
    }
    if (!isLowerHex(hex)) {
      hex = lowercase(hex);
    }
  }

  /** Returns {@code hex} in lowercase; throws if it is not hexadecimal. */
  private static String lowercase(String hex) {
    boolean lower = true;
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
        continue;
      }
      if (c >= 'A' && c <= 'F') {
        lower = false;
      } else {
        throw new IllegalArgumentException("not a hex commit id: " + hex);
      }
    }
    return lower ? hex : hex.toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code hex} is all lowercase hex digits: the usual case, checked over a copy of its
   * bytes without a branch per digit (a bake makes a few ids per commit, and {@code charAt} in a
   * loop is slow in a JVM that has only compiled it with C1).
   */
  private static boolean isLowerHex(String hex) {
    byte[] b = hex.getBytes(StandardCharsets.ISO_8859_1);
    int outside = 0;
    for (byte c : b) {
      // Negative when c is below '0' or above '9', and below 'a' or above 'f'.
      outside |= ((c - '0') | ('9' - c)) & ((c - 'a') | ('f' - c));
    }
    return outside >= 0;
  }

  /** Returns the commit id for {@code hex}; shorthand for the constructor. */
  public static CommitId of(String hex) {
    return new CommitId(hex);
  }

  /** Returns the first seven digits, as git abbreviates ids for people. */
  public String abbreviated() {
    return hex.substring(0, 7);
  }

  @Override
  public int compareTo(CommitId other) {
    return hex.compareTo(other.hex);
  }

  @Override
  public String toString() {
    return hex;
  }
}
