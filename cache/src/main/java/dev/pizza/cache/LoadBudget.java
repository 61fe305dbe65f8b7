package dev.pizza.cache;

import dev.pizza.errors.PizzaException;

/**
 * A load's share of the store's budgets while it writes: the bytes in its directory count against
 * {@code maxBytes} and lower the free space, and the store evicts least recently used entries to
 * make room for them as they grow. Given to a {@link RepositoryLoader}, which calls {@link
 * #check()} as its directory grows (for example every few MiB of a pack being received).
 */
@FunctionalInterface
public interface LoadBudget {

  /**
   * Measures the load's directory, counts its bytes against the budgets and evicts entries to make
   * room for them. When they cannot fit, evicts nothing and throws: the loader should stop and let
   * the exception through (the store then deletes the directory).
   *
   * @throws dev.pizza.errors.StorageExhaustedException naming the budget the load does not fit,
   *     what eviction could free, and what to do
   * @throws dev.pizza.errors.RepositoryStorageException if the directory cannot be measured, or the
   *     load has already ended
   */
  void check() throws PizzaException;
}
