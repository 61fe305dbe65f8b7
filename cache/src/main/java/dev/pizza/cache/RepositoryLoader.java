package dev.pizza.cache;

import dev.pizza.errors.PizzaException;
import java.nio.file.Path;
import java.util.Map;

/** Fills an empty directory with a complete bare repository: the clone of a store miss. */
@FunctionalInterface
public interface RepositoryLoader {

  /**
   * Writes a complete bare repository into {@code directory}, which exists and is empty. The store
   * moves the directory into place only after this returns; if it throws, the store deletes it.
   *
   * @param budget call {@link LoadBudget#check()} now and then while writing (say, every MiB), so
   *     that the bytes being written count against the store's budgets as they grow, and let its
   *     exception through; a loader that never calls it is checked once it returns
   * @return attributes to keep in the entry's metadata (for example how it was cloned); no secrets
   * @throws PizzaException naming why the repository could not be loaded
   */
  Map<String, String> load(Path directory, LoadBudget budget) throws PizzaException;
}
