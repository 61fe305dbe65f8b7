/**
 * The API and model of pizza: an oven that sources git commits from a repository and hands every
 * commit the host has not yet seen to the host's own persistence.
 *
 * <p>Entry points: {@link dev.pizza.PizzaOven} bakes a repository into a {@link
 * dev.pizza.CommitSink}; {@link dev.pizza.CommitRecord} is what a sink receives; {@link
 * dev.pizza.Checkpoint} is the set of ref tips a sink has baked; {@link dev.pizza.CommitSource}
 * yields the commits of a range, with {@link dev.pizza.InMemoryCommitSource} for unit tests of
 * sinks and plugins. {@link dev.pizza.RepositoryBackend} is the service a git implementation (the
 * {@code jgit-adapter} module) provides. No JGit type appears in this package.
 */
@NullMarked
package dev.pizza;

import org.jspecify.annotations.NullMarked;
