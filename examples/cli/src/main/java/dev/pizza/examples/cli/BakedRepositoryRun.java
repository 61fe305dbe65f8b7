package dev.pizza.examples.cli;

import dev.pizza.errors.InvalidRepositoryUrlException;
import dev.pizza.jdbc.PizzaDatabase;
import dev.pizza.jdbc.RepositorySummary;
import java.io.IOException;
import java.sql.SQLException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * How a command that reads a baked repository from the database runs ({@code export}, {@code
 * stats}): open the database, find the repository the argument names, do the command's work, and
 * turn each failure into one line on standard error (with its stack trace under {@code --verbose})
 * and exit status 1. A picocli mixin: it brings the options such a command shares (the database,
 * {@code --verbose}, the repository argument).
 */
final class BakedRepositoryRun {
  @Mixin DatabaseOptions database = new DatabaseOptions();

  @Option(
      names = {"-v", "--verbose"},
      description = "print stack traces of failures and the library's log")
  boolean verbose;

  @Parameters(paramLabel = "URL|PATH", description = "the repository, as it was baked")
  String repository = "";

  /** The command's work on the repository found. */
  interface Work {
    int run(PizzaDatabase db, RepositorySummary found) throws IOException, SQLException;
  }

  /** Runs {@code work} on the repository the argument names; {@code verb} names the command. */
  int run(PizzaCli cli, String verb, Work work) {
    String argument = repository;
    try (PizzaDatabase db = database.open(cli.directories)) {
      return work.run(db, RepositoryArgument.find(db.queries(), argument));
    } catch (InvalidRepositoryUrlException e) {
      return fail(cli, FailureMessages.describe(argument, e), e, verbose);
    } catch (RepositoryArgument.NotBaked e) {
      return fail(cli, FailureMessages.describe(argument, "not baked", e), e, verbose);
    } catch (IOException | SQLException | RuntimeException e) {
      return fail(
          cli,
          "pizza: " + verb + " failed: " + Echo.escape(String.valueOf(e.getMessage())),
          e,
          verbose);
    }
  }

  private static int fail(PizzaCli cli, String line, Exception e, boolean verbose) {
    cli.err.println(line);
    if (verbose) {
      e.printStackTrace(cli.err);
    }
    return PizzaCli.FAILED;
  }
}
