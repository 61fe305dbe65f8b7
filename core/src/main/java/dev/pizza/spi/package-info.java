/**
 * The service a git implementation provides to the oven: {@link dev.pizza.spi.RepositoryBackend}
 * makes a repository ready ({@link dev.pizza.spi.OpenedRepository}, obtained as an {@link
 * dev.pizza.spi.Acquisition}), whose commits are read by range through a {@link
 * dev.pizza.spi.CommitSource} as a lazy {@link dev.pizza.spi.CommitStream}. The {@code
 * jgit-adapter} module implements it.
 *
 * <p>May use: the JDK, JSpecify, the model in {@code dev.pizza} and the failures in {@code
 * dev.pizza.errors}. No JGit type appears here.
 */
@NullMarked
package dev.pizza.spi;

import org.jspecify.annotations.NullMarked;
