package dev.pizza.examples.cli;

import dev.pizza.jdbc.BakeRecord;
import dev.pizza.jdbc.PizzaDatabase;
import dev.pizza.jdbc.RepositorySummary;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pizza repos}: the baked repositories, their commit counts and their last bake. */
@Command(
    name = "repos",
    mixinStandardHelpOptions = true,
    versionProvider = PizzaCli.Version.class,
    description = "Lists the baked repositories with their stored commits and their last bake.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:listed", "1:the database failed", "2:usage error"})
final class ReposCommand implements Callable<Integer> {
  @ParentCommand @Nullable PizzaCli parent;

  @Mixin DatabaseOptions database = new DatabaseOptions();

  @Option(
      names = {"-v", "--verbose"},
      description = "print stack traces of failures and the library's log")
  boolean verbose;

  @Override
  public Integer call() {
    PizzaCli cli = Objects.requireNonNull(parent);
    try (PizzaDatabase db = database.open(cli.directories)) {
      List<RepositorySummary> repos = db.queries().repositories();
      if (repos.isEmpty()) {
        cli.err.println("pizza: no repository baked yet ('pizza bake URL|PATH' bakes one)");
        return PizzaCli.OK;
      }
      cli.out.printf(Locale.ROOT, "%9s  %-20s  %-26s  %s%n", "COMMITS", "LAST BAKE", "", "URL");
      for (RepositorySummary r : repos) {
        cli.out.printf(
            Locale.ROOT,
            "%9d  %-20s  %-26s  %s%n",
            r.commits(),
            r.lastBake()
                .map(b -> b.started().truncatedTo(ChronoUnit.SECONDS).toString())
                .orElse("-"),
            r.lastBake().map(ReposCommand::outcome).orElse(""),
            Echo.escape(r.url()));
      }
      cli.out.flush();
      return PizzaCli.OK;
    } catch (IOException | SQLException | RuntimeException e) {
      cli.err.println("pizza: repos failed: " + Echo.escape(String.valueOf(e.getMessage())));
      if (verbose) {
        e.printStackTrace(cli.err);
      }
      return PizzaCli.FAILED;
    }
  }

  private static String outcome(BakeRecord b) {
    String what =
        b.outcome() == BakeRecord.Outcome.OK ? "ok, " + b.newCommits() + " new" : "failed";
    if (b.retractedCommits() > 0) {
      what += ", " + b.retractedCommits() + " retracted";
    }
    return what;
  }

  static String at(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
