package dev.pizza.examples.cli;

import dev.pizza.jdbc.PizzaDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * An empty, migrated SQLite database kept where the worker JVM is told ({@code
 * -Dpizza.sqlite.template=FILE}, beside its class-data archive and keyed like it on the jar, whose
 * migrations it holds, and the JVM): a new {@code pizza.db} starts as a copy of it, so that Flyway
 * finds its newest migration applied and is skipped. Migrating a new database costs a short bake
 * about 0.2 s of CPU (Flyway's classes, its plugins, a scan of the jar, the scripts) and dominates
 * the first bake of a small repository.
 *
 * <p>The first run that creates a database without a template migrates it as usual and then saves
 * the template ({@code VACUUM INTO}: a consistent copy of the schema and Flyway's history, taken
 * before anything is baked). Without the property, or when anything fails, databases are created
 * and migrated as usual.
 */
final class SchemaTemplate {
  /** The system property that names the template's file. */
  static final String FILE = "pizza.sqlite.template";

  private SchemaTemplate() {}

  /** Returns the template's file, or null when none is named. */
  static @Nullable Path file() {
    String name = System.getProperty(FILE);
    return name == null || name.isEmpty() ? null : Path.of(name);
  }

  /**
   * Creates {@code database} as a copy of {@code template} if it does not exist and the template
   * does; returns whether it did. Never replaces a file: a database another process created
   * meanwhile is kept.
   */
  static boolean fill(Path template, Path database) {
    if (Files.exists(database) || !Files.isRegularFile(template)) {
      return false;
    }
    Path part = partFile(database);
    try {
      Files.copy(template, part, StandardCopyOption.REPLACE_EXISTING);
      Files.createLink(database, part); // fails if the database exists by now
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    } finally {
      deleteQuietly(part);
    }
  }

  /** Saves {@code db}, just created and migrated, as the template if there is none yet. */
  static void save(PizzaDatabase db, Path template) {
    if (Files.exists(template)) {
      return;
    }
    Path part = partFile(template);
    try {
      Files.createDirectories(template.toAbsolutePath().getParent());
      Files.deleteIfExists(part);
      try (Connection c = db.dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.execute("VACUUM INTO '" + part.toString().replace("'", "''") + "'");
      }
      Files.move(part, template, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | SQLException | RuntimeException e) {
      // The next run migrates its new database and tries again.
    } finally {
      deleteQuietly(part);
    }
  }

  private static Path partFile(Path file) {
    return file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".part");
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A leftover part file is never read.
    }
  }
}
