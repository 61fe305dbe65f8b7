package dev.pizza;

/**
 * Names a repository everywhere: in the store, in logs, in results and in sinks. Holds no
 * credentials.
 *
 * @param key 40 lowercase hex digits derived from a SHA-256 hash of {@link #url}; safe as a file
 *     name and as a database key
 * @param url the normalized URL without credentials (for a local path, its absolute path)
 */
public record RepositoryId(String key, String url) {
  private static final java.util.regex.Pattern KEY =
      java.util.regex.Pattern.compile("[0-9a-f]{40}");

  /**
   * Returns whether {@code key} is a repository key as {@link RepositoryUrl} makes them: 40
   * lowercase hex digits. The one rule for keys; the store uses it to recognise its entries.
   */
  public static boolean isValidKey(String key) {
    return KEY.matcher(key).matches();
  }

  @Override
  public String toString() {
    return url;
  }
}
