package dev.pizza.jgit;

import dev.pizza.RepositoryUrl;
import dev.pizza.UrlCredentials;
import java.time.Duration;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.jspecify.annotations.Nullable;

/** How transfers talk to servers: the timeout and the credentials for a URL. */
record TransferSettings(Duration timeout) {

  int timeoutSeconds() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
  }

  /** Returns the credentials the URL carried, as JGit wants them, or null. */
  @Nullable CredentialsProvider credentialsFor(RepositoryUrl url) {
    UrlCredentials c = url.credentials().orElse(null);
    if (c == null) {
      return null;
    }
    String password = c.password();
    return new UsernamePasswordCredentialsProvider(c.user(), password == null ? "" : password);
  }
}
