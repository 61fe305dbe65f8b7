package dev.pizza.examples.cli;

import dev.pizza.RepositoryUrl;
import dev.pizza.errors.InvalidRepositoryUrlException;
import dev.pizza.jdbc.CommitQueries;
import dev.pizza.jdbc.RepositorySummary;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A repository named on the command line ({@code URL|PATH}), checked before the library sees it: an
 * argument holding a control character or white space at either end is refused as it is, never
 * trimmed into another path.
 */
final class RepositoryArgument {
  private RepositoryArgument() {}

  /**
   * Parses {@code argument}.
   *
   * @throws InvalidRepositoryUrlException if it is no URL or path, or holds a control character or
   *     surrounding white space
   */
  static RepositoryUrl parse(String argument) throws InvalidRepositoryUrlException {
    if (Echo.isUnsafe(argument)) {
      throw new InvalidRepositoryUrlException(
          "it holds a control character or begins or ends with white space");
    }
    return RepositoryUrl.parse(argument);
  }

  /**
   * Returns the stored repository {@code argument} names.
   *
   * @throws InvalidRepositoryUrlException if it is no URL or path
   * @throws NotBaked if it was never baked into this database
   */
  static RepositorySummary find(CommitQueries queries, String argument)
      throws InvalidRepositoryUrlException, SQLException, NotBaked {
    RepositoryUrl url = parse(argument);
    Optional<RepositorySummary> found = queries.repository(url.id().key());
    if (found.isEmpty()) {
      throw new NotBaked(url.toString());
    }
    return found.get();
  }

  /** The repository was never baked into the database. */
  static final class NotBaked extends Exception {
    private static final long serialVersionUID = 1L;

    NotBaked(String url) {
      super(url + " was never baked into this database ('pizza repos' lists what was)");
    }
  }
}
