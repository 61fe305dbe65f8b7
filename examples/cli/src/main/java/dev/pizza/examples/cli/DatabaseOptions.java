package dev.pizza.examples.cli;

import dev.pizza.jdbc.PizzaDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where baked commits are kept (a picocli mixin): by default the SQLite database {@value
 * #FILE_NAME} in the data directory ({@code --data-dir}, default {@code $XDG_DATA_HOME/pizza} or
 * {@code ~/.local/share/pizza}); {@code --db JDBC_URL} names another database, such as PostgreSQL.
 * A new {@code pizza.db} starts as a copy of the worker JVM's {@link SchemaTemplate} when it names
 * one.
 */
final class DatabaseOptions {
  /** The default database's file name in the data directory. */
  static final String FILE_NAME = "pizza.db";

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "where pizza.db and other data are kept (default $XDG_DATA_HOME/pizza or"
              + " ~/.local/share/pizza)")
  @Nullable Path dataDir;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "the database to use instead of pizza.db, e.g."
              + " jdbc:postgresql://127.0.0.1/pizza?user=pizza")
  @Nullable String db;

  /** Returns the data directory: the option's, else the default of {@code directories}. */
  Path dataDir(Directories directories) {
    return dataDir != null ? dataDir : directories.data();
  }

  /** Returns the JDBC URL to open. */
  String jdbcUrl(Directories directories) {
    return db != null
        ? db
        : "jdbc:sqlite:" + dataDir(directories).toAbsolutePath().resolve(FILE_NAME);
  }

  /**
   * Opens (and creates or migrates) the database.
   *
   * @throws IOException saying why it cannot be opened, without credentials
   */
  PizzaDatabase open(Directories directories) throws IOException {
    Path template = db == null ? SchemaTemplate.file() : null;
    boolean migratedHere = false;
    if (db == null) {
      Path file = dataDir(directories).resolve(FILE_NAME);
      Files.createDirectories(dataDir(directories));
      migratedHere =
          template != null && !Files.exists(file) && !SchemaTemplate.fill(template, file);
    }
    try {
      PizzaDatabase opened = PizzaDatabase.open(jdbcUrl(directories));
      if (migratedHere && template != null) {
        SchemaTemplate.save(opened, template);
      }
      return opened;
    } catch (SQLException | RuntimeException e) {
      throw new IOException(
          "cannot open the database "
              + (db == null ? dataDir(directories).resolve(FILE_NAME) : "--db")
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
