/**
 * Everything of pizza that touches JGit: cloning and fetching bare mirrors into a {@link
 * dev.pizza.cache.RepoStore}, reading a local repository in place, and the {@link
 * dev.pizza.spi.CommitSource} that reads commit records from a repository's object database.
 *
 * <p>Entry point: {@link dev.pizza.jgit.JGitBackend}, the {@link dev.pizza.spi.RepositoryBackend}
 * to give a {@link dev.pizza.PizzaOven}, configured with {@link dev.pizza.jgit.RemoteCredentials}
 * (tokens and SSH keys per host; {@link dev.pizza.jgit.PasswordCredentials} hides itself in logs).
 * Everything else is package-private.
 */
@NullMarked
package dev.pizza.jgit;

import org.jspecify.annotations.NullMarked;
