/**
 * The benchmark of pizza against native {@code git log}, and the tools it runs on.
 *
 * <p>Entry points: {@link dev.pizza.examples.bench.Benchmark} (a program: generates or reuses
 * synthetic repositories and prints a table of timings and memory, side by side with {@code git
 * log}); {@link dev.pizza.examples.bench.SinkBenchmark} (a program: the same first bake into a
 * counting sink, a SQLite file and a PostgreSQL database, and with {@code --floor} the same records
 * stored from memory by {@link dev.pizza.examples.bench.FloorOnce}); {@link
 * dev.pizza.examples.bench.BakeOnce} (a program: one full bake of a local repository into a
 * counting sink or a database, for timing a whole process and for bounded-memory tests); {@link
 * dev.pizza.examples.bench.SyntheticRepository} (deterministic repositories written through {@code
 * git fast-import} and cached under {@code target/bench-repos}).
 */
@NullMarked
package dev.pizza.examples.bench;

import org.jspecify.annotations.NullMarked;
