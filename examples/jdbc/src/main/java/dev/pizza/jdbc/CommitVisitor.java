package dev.pizza.jdbc;

import dev.pizza.CommitRecord;

/**
 * Receives stored commits one at a time, as {@link CommitQueries#forEachCommit} reads them.
 *
 * @param <E> what the visitor may throw (such as {@link java.io.IOException} when writing them out)
 */
@FunctionalInterface
public interface CommitVisitor<E extends Exception> {
  /** Receives the next commit. */
  void visit(CommitRecord commit) throws E;
}
