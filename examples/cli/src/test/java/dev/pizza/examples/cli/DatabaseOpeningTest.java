package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.jdbc.PizzaDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database a bake opens on a thread of its own: the caller gets it open, or the failure {@link
 * DatabaseOptions#open} reports, and a caller that failed meanwhile leaves no database open.
 */
class DatabaseOpeningTest {
  @TempDir Path tmp;

  private DatabaseOptions options(Path dataDir) {
    DatabaseOptions o = new DatabaseOptions();
    o.dataDir = dataDir;
    return o;
  }

  private Directories directories() {
    return new Directories(tmp.resolve("home"), tmp.resolve("data"), tmp.resolve("cache"));
  }

  @Test
  void get_returnsTheDatabaseOpen() throws Exception {
    DatabaseOpening opening = DatabaseOpening.start(options(tmp.resolve("d")), directories());
    try (PizzaDatabase db = opening.get();
        Connection c = db.dataSource().getConnection()) {
      assertThat(c.isValid(5)).isTrue();
    }
  }

  @Test
  void aDataDirectoryThatCannotBeMade_failsGet_withAnIOException() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
    DatabaseOpening opening = DatabaseOpening.start(options(file.resolve("d")), directories());
    assertThatThrownBy(opening::get).isInstanceOf(IOException.class);
  }

  @Test
  void discard_closesTheDatabaseItOpened() throws Exception {
    DatabaseOpening opening = DatabaseOpening.start(options(tmp.resolve("d")), directories());
    PizzaDatabase closed = opening.discard();
    assertThat(closed).isNotNull();
    assertThatThrownBy(() -> closed.dataSource().getConnection()).isInstanceOf(SQLException.class);
  }

  @Test
  void discard_ofAnOpeningThatFailed_closesNothing() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
    DatabaseOpening opening = DatabaseOpening.start(options(file.resolve("d")), directories());
    assertThat(opening.discard()).isNull();
  }
}
