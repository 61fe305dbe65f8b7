/**
 * In-memory test doubles for unit tests of sinks and pipeline plugins that should run without git:
 * {@link dev.pizza.testing.InMemoryCommitSource} and {@link dev.pizza.testing.InMemoryCommitSink},
 * and {@link dev.pizza.testing.FailingCommitSink} to interrupt a bake at a chosen call.
 *
 * <p>May use: the JDK, JSpecify, {@code dev.pizza}, {@code dev.pizza.spi} and {@code
 * dev.pizza.errors}. Nothing in the library depends on this package.
 */
@NullMarked
package dev.pizza.testing;

import org.jspecify.annotations.NullMarked;
