package dev.pizza.spi;

import dev.pizza.PizzaOven;
import dev.pizza.ProgressListener;
import dev.pizza.RepositoryUrl;
import dev.pizza.errors.PizzaException;

/**
 * The git implementation behind a {@link PizzaOven}: makes a repository ready to read. The {@code
 * jgit-adapter} module provides one ({@code dev.pizza.jgit.JGitBackend}).
 *
 * <p>Implementations are thread safe: an oven may open different repositories at once.
 */
public interface RepositoryBackend extends AutoCloseable {

  /**
   * Clones {@code url} (first use) or fetches it (later use) and returns it opened; a {@link
   * RepositoryUrl.Kind#LOCAL_PATH} is opened in place, read only.
   *
   * @throws PizzaException naming why the repository could not be made ready; then nothing of it is
   *     left half-written
   */
  OpenedRepository open(RepositoryUrl url, ProgressListener progress) throws PizzaException;

  /** Releases what the backend holds (open repositories, the store's lock). */
  @Override
  void close();
}
