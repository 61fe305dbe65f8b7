package dev.pizza;

import org.jspecify.annotations.Nullable;

/**
 * The user info of a repository URL ({@code https://user:token@host/...}). Used to authenticate a
 * transfer and never logged: {@link #toString()} hides both parts.
 *
 * @param user the user name, possibly empty
 * @param password the password or token, or null when the URL gave none
 */
public record UrlCredentials(String user, @Nullable String password) {

  @Override
  public String toString() {
    return "UrlCredentials[***]";
  }
}
