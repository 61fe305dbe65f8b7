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

  @Override
  public String toString() {
    return url;
  }
}
