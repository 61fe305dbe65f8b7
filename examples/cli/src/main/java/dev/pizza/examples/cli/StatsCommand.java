package dev.pizza.examples.cli;

import dev.pizza.jdbc.RepositoryStats;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pizza stats [--json] URL|PATH}: what an insights user asks first about a baked repository,
 * computed by SQL over its stored commits (see {@link RepositoryStats}).
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    versionProvider = PizzaCli.Version.class,
    description =
        "Prints insights on a baked repository: commits and merges; distinct authors, committers and co-authors; first and last commit; commits per month with a bar chart; the top contributors; who was active in the last 90 days; and the fewest authors that made half of the commits. People are told apart by email address, as mapped by the repository's .mailmap and bake --mailmap.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:printed", "1:not baked, or the database failed", "2:usage error"})
final class StatsCommand implements Callable<Integer> {
  @ParentCommand @Nullable PizzaCli parent;

  @Mixin BakedRepositoryRun baked = new BakedRepositoryRun();

  @Option(names = "--json", description = "print one JSON object instead of text")
  boolean json;

  @Option(
      names = "--top",
      paramLabel = "N",
      defaultValue = "10",
      description = "how many top contributors to list (default ${DEFAULT-VALUE})")
  int top = 10;

  @Override
  public Integer call() {
    PizzaCli cli = Objects.requireNonNull(parent);
    return baked.run(
        cli,
        "stats",
        (db, found) -> {
          RepositoryStats stats = db.queries().stats(found.key(), Math.max(0, top), Instant.now());
          if (json) {
            StatsReport.json(found.url(), stats, cli.out);
          } else {
            StatsReport.text(found.url(), stats, cli.out);
          }
          cli.out.flush();
          return PizzaCli.OK;
        });
  }
}
