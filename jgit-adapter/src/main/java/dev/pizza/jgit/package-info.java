/**
 * The public entry of pizza's git implementation: {@link dev.pizza.jgit.JGitBackend}, the {@link
 * dev.pizza.spi.RepositoryBackend} to give a {@link dev.pizza.PizzaOven}, configured with {@link
 * dev.pizza.jgit.RemoteCredentials} (tokens and SSH keys per host; {@link
 * dev.pizza.jgit.PasswordCredentials} hides itself in logs). Beside them only small glue: the
 * opened repository handed to the oven, the cache of local repository handles, host parsing.
 *
 * <p>The work is done below, one package per idea, dependencies one way: {@code internal.transport}
 * talks to servers (clone, fetch, watchdog, failure classification), {@code internal.pack} reads
 * git's object files, {@code internal.walk} walks the commit graph over them, {@code internal.diff}
 * computes commits' file changes and line counts over them (walk and diff use pack and not each
 * other: the opened repository wraps the walk's source in diff's; transport uses none).
 *
 * <p>May use: JGit, Caffeine, SLF4J, JSpecify, pizza core and cache, and the internal packages.
 */
@NullMarked
package dev.pizza.jgit;

import org.jspecify.annotations.NullMarked;
