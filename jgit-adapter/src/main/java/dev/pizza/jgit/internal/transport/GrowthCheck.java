package dev.pizza.jgit.internal.transport;

import dev.pizza.errors.PizzaException;

/**
 * Asks the owner of a clone's directory whether the bytes written so far may stay: the repository
 * store's budget for a load in progress. Called from the transfer's thread as the pack grows (see
 * {@link PackGrowth}).
 */
@FunctionalInterface
public interface GrowthCheck {

  /** Checks nothing: for fetches into a mirror the store already holds. */
  GrowthCheck NONE = () -> {};

  /**
   * Returns if the bytes written so far may stay (the owner may evict other data to make room).
   *
   * @throws PizzaException to stop the transfer, typically a {@link
   *     dev.pizza.errors.StorageExhaustedException}; the transfer then fails with it
   */
  void check() throws PizzaException;
}
