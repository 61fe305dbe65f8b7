package dev.pizza.jgit.internal.transport;

import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A user name and password for JGit that answers prompts: JGit's SSH client asks only an
 * interactive provider for a password. It answers only user name and password prompts; any other
 * question (such as whether to trust an unknown host key) is answered no.
 */
final class SecretCredentialsProvider extends UsernamePasswordCredentialsProvider {
  SecretCredentialsProvider(String user, String password) {
    super(user, password);
  }

  @Override
  public boolean isInteractive() {
    return true;
  }

  @Override
  public String toString() {
    return "SecretCredentialsProvider[***]";
  }
}
