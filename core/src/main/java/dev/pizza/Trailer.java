package dev.pizza;

/**
 * One trailer line of a commit message, such as {@code Signed-off-by: A U Thor <a@example.com>}.
 *
 * @param key the token before the colon, as written (for example {@code Co-authored-by})
 * @param value the text after the colon, trimmed
 */
public record Trailer(String key, String value) {

  /** Returns whether this trailer's key is {@code key}, ignoring case as git does. */
  public boolean is(String key) {
    return this.key.equalsIgnoreCase(key);
  }
}
