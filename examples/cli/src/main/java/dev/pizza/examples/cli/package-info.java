/**
 * The {@code pizza} command-line tool: commands on picocli, JSON and YAML on Jackson.
 *
 * <p>Entry point: {@link dev.pizza.examples.cli.PizzaCli} ({@code pizza bake|export|stats|repos});
 * one class per command. Around them: the store's options and config file ({@link
 * dev.pizza.examples.cli.StoreOptions}, {@link dev.pizza.examples.cli.StoreConfigFile}), the SSH
 * and HTTPS options ({@link dev.pizza.examples.cli.TransportOptions}), the default directories
 * ({@link dev.pizza.examples.cli.Directories}), JSON Lines output ({@link
 * dev.pizza.examples.cli.CommitJsonWriter}), terminal progress, deadlines and waiting for another
 * process's lock, and {@link dev.pizza.examples.cli.Echo}, through which every argument passes
 * before it is printed (redacted, control characters escaped).
 *
 * <p>May use the library (core, cache, jgit-adapter), the JDBC sink (pizza-jdbc), picocli, Jackson
 * and SLF4J. Unlike the library modules, the code here is a program and may print.
 */
@NullMarked
package dev.pizza.examples.cli;

import org.jspecify.annotations.NullMarked;
