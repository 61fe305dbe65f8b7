package dev.pizza.spi;

/** How a bake got hold of the repository's objects. */
public enum Acquisition {
  /** Cloned into the store: the repository was not there before. */
  CLONED,
  /** Already in the store, and fetched from its remote. */
  FETCHED,
  /** A local repository read in place, without copying or writing it. */
  READ_IN_PLACE
}
