/**
 * File changes and line statistics of commits, as {@code git log --numstat --minimal} reports them:
 * the recursive tree diff (TreeDiff), git's rename detection (ExactRenames, then SimilarRenames
 * with git's {@code diffcore-delta} measure, Similarity), git's binary test, and a line counter
 * that repeats xdiff's preparation and Myers' minimal search (LineCounter, over Lines); {@link
 * dev.pizza.jgit.internal.diff.LineStatsSource} wraps a commit source so that its records carry
 * their changes.
 *
 * <p>May use: {@code internal.pack} (ids of either format, see Oid), JGit (constants), SLF4J,
 * JSpecify, pizza core. Must not use {@code internal.walk} or {@code internal.transport}: the
 * adapter wires the walk's source into {@link dev.pizza.jgit.internal.diff.LineStatsSource}.
 *
 * <p>Not API; public only for the sibling packages of {@code jgit-adapter} (see {@code
 * internal.walk}'s package comment).
 */
@NullMarked
package dev.pizza.jgit.internal.diff;

import org.jspecify.annotations.NullMarked;
