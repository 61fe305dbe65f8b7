package dev.pizza.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pizza export --jsonl FILE|- URL|PATH}: writes every stored commit of a repository as JSON
 * Lines, with the fields {@code pizza bake --jsonl} writes, ordered by committer time.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    versionProvider = PizzaCli.Version.class,
    description = {
      "Writes every stored commit of a baked repository, one JSON object per line, oldest first."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:exported", "1:not baked, or the database failed", "2:usage error"})
final class ExportCommand implements Callable<Integer> {
  @ParentCommand @Nullable PizzaCli parent;

  @Mixin BakedRepositoryRun baked = new BakedRepositoryRun();

  @Option(
      names = "--jsonl",
      required = true,
      paramLabel = "FILE|-",
      description = "the file to write (replaced); '-' writes to standard output")
  String jsonl = "-";

  @Override
  public Integer call() {
    PizzaCli cli = Objects.requireNonNull(parent);
    return baked.run(
        cli,
        "export",
        (db, found) -> {
          boolean toStdout = jsonl.equals("-");
          long written;
          try (CommitJsonWriter out =
              toStdout
                  ? new CommitJsonWriter(cli.out, false)
                  : new CommitJsonWriter(Files.newOutputStream(Path.of(jsonl)), true)) {
            written = db.queries().forEachCommit(found.key(), out::write);
          }
          if (!toStdout) {
            cli.out.println(
                Echo.escape(found.url())
                    + ": "
                    + written
                    + " commits written to "
                    + Echo.escape(jsonl));
          }
          return PizzaCli.OK;
        });
  }
}
