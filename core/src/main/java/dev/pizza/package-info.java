/**
 * The host API of pizza: an oven that sources git commits from a repository and hands every commit
 * the host has not yet seen to the host's own persistence.
 *
 * <p>Entry points: {@link dev.pizza.PizzaOven} bakes a repository into a {@link
 * dev.pizza.CommitSink}; {@link dev.pizza.CommitRecord} is what a sink receives; {@link
 * dev.pizza.Checkpoint} is the set of ref tips a sink has baked; {@link dev.pizza.RepositoryUrl}
 * names a repository. Failures are in {@code dev.pizza.errors}, the backend interface a git
 * implementation provides in {@code dev.pizza.spi}, and in-memory doubles for plugin tests in
 * {@code dev.pizza.testing}.
 *
 * <p>May use: the JDK, SLF4J, JSpecify, and {@code dev.pizza.errors} and {@code dev.pizza.spi}. No
 * JGit type appears here, and nothing here depends on {@code dev.pizza.testing}.
 */
@NullMarked
package dev.pizza;

import org.jspecify.annotations.NullMarked;
