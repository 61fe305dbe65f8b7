/**
 * Reading git's object files: pack indexes and pack data, deltas, memory-mapped reading
 * (MappedObjects) with a JGit reader fallback (ReaderObjects), behind {@link
 * dev.pizza.jgit.internal.pack.ObjectSource}, which names objects by dense positions. Knows objects
 * and their types, nothing of commit syntax. Reads no more of an object than its reader needs: a
 * type from the headers (ObjectHeader), a large object's size and first bytes (ObjectPrefix, over
 * DeltaRanges and PackStream; LooseObject), so memory stays bounded whatever an object's size.
 *
 * <p>May use: JGit (object ids, the fallback reader), JSpecify, pizza core. Must not use {@code
 * internal.walk} or {@code internal.transport}.
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
package dev.pizza.jgit.internal.pack;

import org.jspecify.annotations.NullMarked;
