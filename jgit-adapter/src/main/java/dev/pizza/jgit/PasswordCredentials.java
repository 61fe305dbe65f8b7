package dev.pizza.jgit;

import java.util.Objects;

/**
 * A user name and a password or access token, for HTTP(S) and SSH password authentication. {@link
 * #toString()} hides both parts, so a record logged by mistake leaks nothing.
 *
 * @param user the user name; for a token, whatever the host expects (GitHub accepts any non-empty
 *     name, GitLab wants {@code oauth2})
 * @param secret the password or token
 */
public record PasswordCredentials(String user, String secret) {

  /** Checks that neither part is null. */
  public PasswordCredentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(secret, "secret");
  }

  @Override
  public String toString() {
    return "PasswordCredentials[***]";
  }
}
