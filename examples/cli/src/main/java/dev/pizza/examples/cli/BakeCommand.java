package dev.pizza.examples.cli;

import dev.pizza.BakeResult;
import dev.pizza.CommitSink;
import dev.pizza.Mailmap;
import dev.pizza.PizzaOven;
import dev.pizza.ProgressListener;
import dev.pizza.RepositoryUrl;
import dev.pizza.cache.DiskRepoStore;
import dev.pizza.errors.BakeCancelledException;
import dev.pizza.errors.PizzaException;
import dev.pizza.jdbc.CommitQueries;
import dev.pizza.jdbc.PizzaDatabase;
import dev.pizza.jdbc.RepositoryTotals;
import dev.pizza.jgit.JGitBackend;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pizza bake}: bakes each repository into the database (the SQLite file {@code pizza.db} in
 * the data directory, or {@code --db}) and prints one summary line per repository ({@code URL: N
 * new, M total, K authors (how, time)}). Local paths are read in place; {@code file://} and network
 * URLs are mirrored in the cache directory. Holds the data directory's lock and the cache's while
 * it runs: a second bake on either waits (up to {@code --lock-wait}).
 */
@Command(
    name = "bake",
    mixinStandardHelpOptions = true,
    versionProvider = PizzaCli.Version.class,
    description =
        "Bakes each repository: delivers the commits not baked before to the database and prints, per repository, the commits new and in total, the distinct authors and the time. A local path is read in place; a file:// or network URL is mirrored in the cache.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:all baked", "1:some repository failed", "2:usage error"})
final class BakeCommand implements Callable<Integer> {
  @ParentCommand @Nullable PizzaCli parent;

  @Spec @Nullable CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin DatabaseOptions database = new DatabaseOptions();

  @Mixin TransportOptions transport = new TransportOptions();

  @Option(
      names = "--jsonl",
      paramLabel = "FILE|-",
      description =
          "also write each new commit as a line of JSON to FILE (replaced); '-' writes to"
              + " standard output and the summary to standard error")
  @Nullable String jsonl;

  @Mixin MailmapOption mailmap = new MailmapOption();

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "1m",
      description =
          "give up a transfer when the server is silent this long (e.g. 30s; default ${DEFAULT-VALUE})")
  Duration timeout = Duration.ofMinutes(1);

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "cancel a repository's bake that takes longer than this (e.g. 10m)")
  @Nullable Duration deadline;

  @Option(
      names = "--lock-wait",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "10m",
      description =
          "wait this long for another pizza using the same cache or data directory"
              + " (default ${DEFAULT-VALUE})")
  Duration lockWait = Duration.ofMinutes(10);

  @Option(
      names = "--line-stats",
      description =
          "also compute each commit's changed files and lines added and removed, as git log"
              + " --numstat --minimal (mirrors are then cloned with their files, not treeless)")
  boolean lineStats;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "COMMITS",
      description =
          "commit the commits delivered so far, with a checkpoint, after this many (or 30 s), so"
              + " that a bake stopped midway resumes from there (default ${DEFAULT-VALUE})")
  long checkpointEvery = PizzaDatabase.CHECKPOINT_COMMITS;

  @Option(
      names = {"-v", "--verbose"},
      description = "print stack traces of failures and the library's log")
  boolean verbose;

  @Parameters(arity = "1..*", paramLabel = "URL|PATH", description = "the repositories to bake")
  List<String> repositories = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PizzaCli cli = Objects.requireNonNull(parent);
    PrintStream err = cli.err;
    PrintStream summary = "-".equals(jsonl) ? err : cli.out;
    StoreSettings settings;
    try {
      if (checkpointEvery < 1) {
        throw new IllegalArgumentException(
            "--checkpoint-every must be at least 1, got " + checkpointEvery);
      }
      settings = store.settings(cli.directories.cache());
    } catch (IllegalArgumentException e) {
      CommandSpec s = Objects.requireNonNull(spec);
      throw new CommandLine.ParameterException(s.commandLine(), String.valueOf(e.getMessage()), e);
    }
    Optional<String> unreadable = transport.unreadableFile();
    if (unreadable.isPresent()) {
      err.println("pizza: " + unreadable.get());
      return PizzaCli.FAILED;
    }
    Mailmap extraMailmap;
    try {
      extraMailmap = mailmap.load();
    } catch (IOException e) {
      err.println(mailmap.failure(e));
      return PizzaCli.FAILED;
    }
    Path data = database.dataDir(cli.directories);
    DataDirectoryLock dataLock;
    DiskRepoStore repoStore;
    try {
      dataLock = DataDirectoryLock.acquire(data, lockWait, err);
    } catch (IOException e) {
      err.println(
          "pizza: cannot use the data directory: " + Echo.escape(String.valueOf(e.getMessage())));
      return PizzaCli.FAILED;
    }
    try (dataLock) {
      // The database opens beside the cache and JGit's set-up (see DatabaseOpening), which may
      // still be going on (see EarlyStart).
      EarlyStart.awaitDatabase();
      DatabaseOpening opening = DatabaseOpening.start(database, cli.directories);
      try {
        repoStore = openStore(settings, err);
      } catch (IOException | RuntimeException e) {
        opening.discard();
        err.println(
            "pizza: cannot open the repository cache: "
                + Echo.escape(String.valueOf(e.getMessage())));
        return PizzaCli.FAILED;
      }
      try {
        EarlyStart.await();
      } catch (RuntimeException | Error e) {
        opening.discard();
        repoStore.close();
        throw e;
      }
      JGitBackend backend;
      try {
        backend =
            transport
                .apply(JGitBackend.builder(), cli.directories.home(), System.getenv())
                .store(repoStore)
                .timeout(timeout)
                .generationsDirectory(data.resolve("generations"))
                .lineStats(lineStats)
                .build();
      } catch (IllegalArgumentException | IOException e) {
        opening.discard();
        repoStore.close();
        // A CA file that holds no certificate, or a bad proxy URL.
        err.println(
            (e instanceof IOException ? "pizza: " : "pizza: cannot set up the transfers: ")
                + Echo.escape(String.valueOf(e.getMessage())));
        return PizzaCli.FAILED;
      }
      PizzaDatabase db;
      try {
        db = opening.get();
      } catch (IOException e) {
        backend.close();
        repoStore.close();
        err.println("pizza: " + Echo.escape(String.valueOf(e.getMessage())));
        return PizzaCli.FAILED;
      }
      // Closed in reverse: the database before the oven, whose JGit backend may still be writing
      // the generations of a first bake's walk, and waits for that when it closes; meanwhile
      // SQLite checkpoints its log as the database closes.
      try (repoStore;
          PizzaOven oven =
              PizzaOven.builder()
                  .backend(backend)
                  .allowLocalRepositories(true)
                  .intermediateCheckpoints(checkpointEvery, PizzaDatabase.CHECKPOINT_TIME)
                  .mailmap(extraMailmap)
                  .build();
          db;
          CommitJsonWriter json = openJsonl(cli.out)) {
        CommitSink sink = json == null ? db.sink() : new JsonlCommitSink(db.sink(), json);
        boolean failed = false;
        for (String argument : repositories) {
          failed |= !bakeOne(argument, oven, sink, db.queries(), summary, err);
        }
        return failed ? PizzaCli.FAILED : PizzaCli.OK;
      } catch (IOException e) {
        // The JSONL file or the generations directory: nothing was baked, or what was is kept.
        err.println("pizza: " + Echo.escape(String.valueOf(e.getMessage())));
        return PizzaCli.FAILED;
      }
    }
  }

  private DiskRepoStore openStore(StoreSettings settings, PrintStream err) throws IOException {
    return LockWait.await(
        "the repository cache " + Echo.escape(settings.cacheDir().toString()),
        lockWait,
        err,
        () -> {
          try {
            return settings.builder().build();
          } catch (IllegalStateException e) {
            // DiskRepoStore.Builder.build: another store has the root open.
            return null;
          }
        });
  }

  /** Bakes one repository and prints its summary or its failure; returns whether it succeeded. */
  private boolean bakeOne(
      String argument,
      PizzaOven oven,
      CommitSink sink,
      CommitQueries queries,
      PrintStream summary,
      PrintStream err) {
    @Nullable TerminalProgress progress =
        System.console() == null ? null : new TerminalProgress(err);
    ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
    @Nullable Deadline clock = deadline == null ? null : new Deadline(deadline, listener);
    try {
      RepositoryUrl url = RepositoryArgument.parse(argument);
      BakeResult result = oven.bake(url, sink, clock == null ? listener : clock);
      RepositoryTotals totals = queries.totals(result.repository().key());
      if (progress != null) {
        progress.clear();
      }
      summary.println(Summary.line(result, totals.commits(), totals.authors()));
      return true;
    } catch (PizzaException
        | SQLException
        | RuntimeException
        | OutOfMemoryError
        | StackOverflowError e) {
      // Out of memory or stack: the repository is larger than this JVM was given. The bake has
      // unwound (its sink aborted, its arrays unreachable), so the next repository may be baked.
      if (progress != null) {
        progress.clear();
      }
      if (clock != null && clock.passed() && e instanceof BakeCancelledException) {
        err.println(
            FailureMessages.describe(
                argument,
                "the deadline of " + Text.duration(clock.limit()) + " (--deadline) passed",
                e));
      } else {
        err.println(FailureMessages.describe(argument, e));
      }
      if (verbose) {
        e.printStackTrace(err);
      }
      return false;
    }
  }

  private @Nullable CommitJsonWriter openJsonl(PrintStream out) throws IOException {
    if (jsonl == null) {
      return null;
    }
    if (jsonl.equals("-")) {
      return new CommitJsonWriter(out, false);
    }
    try {
      // Jackson hands over 8 KB at a time; a file write per 8 KB is a tenth of the JSON's CPU.
      return new CommitJsonWriter(
          new BufferedOutputStream(Files.newOutputStream(Path.of(jsonl)), 1 << 16), true);
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot write the JSONL file " + Echo.argument(jsonl) + ": " + e, e);
    }
  }
}
