package dev.pizza;

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
    if (!lower) {
      hex = hex.toLowerCase(Locale.ROOT);
    }
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
