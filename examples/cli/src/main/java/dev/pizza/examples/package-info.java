/**
 * Runnable programs built on pizza: the {@code pizza} command-line tool and the small sinks it
 * uses.
 *
 * <p>Entry points: {@link dev.pizza.examples.PizzaCli} is the program ({@code pizza bake URL...});
 * {@link dev.pizza.examples.FileCommitSink} is its embedded default sink, an append-only log and an
 * atomically replaced checkpoint per repository in a data directory, so that a second bake is
 * incremental; {@link dev.pizza.examples.JsonlCommitSink} decorates a sink to also write each new
 * record as one line of JSON. Unlike the library modules, the code here is a program and may print.
 */
@NullMarked
package dev.pizza.examples;

import org.jspecify.annotations.NullMarked;
