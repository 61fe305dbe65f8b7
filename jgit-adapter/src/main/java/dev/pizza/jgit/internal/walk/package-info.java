/**
 * Walking the commit graph in repeatable orders (what intermediate checkpoints count in): the full
 * walk of a first bake (FullRawCommitWalk), the incremental walk by generation numbers
 * (IncrementalCommitStream), the pipelined stream that parses on the caller's thread, commit
 * parsing into {@link dev.pizza.CommitRecord}s, the on-disk generation index, and the identity
 * cache; {@link dev.pizza.jgit.internal.walk.GitCommitSource} ties them together as a {@link
 * dev.pizza.spi.CommitSource}.
 *
 * <p>May use: {@code internal.pack}, JGit (object ids), Caffeine, SLF4J, JSpecify, pizza core. Must
 * not use {@code internal.transport} or {@code internal.diff} (the adapter wires line statistics
 * around the walk).
 *
 * <p>Not API. Its classes are public only so that the sibling packages of {@code jgit-adapter} can
 * use them; they may change in any release. Internals are hidden the way JGit hides its own, by an
 * {@code internal} package name, not by a {@code module-info} that exports only the API (as
 * Caffeine does): pizza is used from the class path, where a module descriptor hides nothing; the
 * CLI ships as one shaded jar, which has no module boundaries; and tests live in the packages they
 * test, which a module descriptor would make awkward to compile and run. The build checks with
 * ArchUnit that nothing outside {@code dev.pizza.jgit} uses these packages.
 */
@NullMarked
package dev.pizza.jgit.internal.walk;

import org.jspecify.annotations.NullMarked;
