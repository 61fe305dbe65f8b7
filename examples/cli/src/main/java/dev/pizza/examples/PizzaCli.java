package dev.pizza.examples;

import dev.pizza.BakeResult;
import dev.pizza.CommitSink;
import dev.pizza.PizzaOven;
import dev.pizza.ProgressListener;
import dev.pizza.RepositoryUrl;
import dev.pizza.cache.RepoStore;
import dev.pizza.errors.PizzaException;
import dev.pizza.jgit.JGitBackend;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The {@code pizza} command-line tool.
 *
 * <pre>
 * pizza bake [options] URL|PATH...
 * </pre>
 *
 * <p>{@code bake} bakes each repository into a {@link FileCommitSink} in the data directory, so a
 * second bake delivers only what is new, and prints one summary line per repository. Local paths
 * are read in place; {@code file://} and network URLs are mirrored in the cache directory. Exit
 * status: 0 when every repository was baked, 1 when any failed (one line per failure on standard
 * error), 2 for a usage error.
 */
public final class PizzaCli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT =
      String.join(
          "\n",
          "usage: pizza bake [options] URL|PATH...",
          "       pizza --help",
          "",
          "Bakes each repository: delivers the commits not baked before to the data directory and",
          "prints, per repository, the commits new and in total, the distinct authors and the time.",
          "A local path is read in place; a file:// or network URL is mirrored in the cache.",
          "",
          "options:",
          "  --data-dir DIR    where baked commits and checkpoints are kept",
          "                    (default ~/.local/share/pizza)",
          "  --cache-dir DIR   where repository mirrors are kept (default ~/.cache/pizza)",
          "  --max-size SIZE   most bytes the mirrors may take (e.g. 500M, 20G); LRU eviction",
          "  --min-free SIZE   free space to keep on the cache's file system",
          "  --pin URL         never evict this repository (repeatable)",
          "  --store-config F  a YAML file: cache: dir, max-size, min-free, never-evict: [URLs]",
          "  --jsonl FILE      also write each new commit as a line of JSON to FILE (replaced);",
          "                    '-' writes to standard output and the summary to standard error",
          "  --verbose         print stack traces of failures and the library's log",
          "  --help            print this help",
          "",
          "exit status: 0 all baked, 1 some repository failed, 2 usage error");

  private PizzaCli() {}

  /** Runs the tool and exits with its status. */
  public static void main(String[] args) {
    String logLevel = "org.slf4j.simpleLogger.defaultLogLevel";
    if (System.getProperty(logLevel) == null) {
      System.setProperty(logLevel, Arrays.asList(args).contains("--verbose") ? "info" : "warn");
    }
    SystemGitConfig.install();
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the tool with {@code args}, printing to {@code out} and {@code err}, and returns the exit
   * status: {@link #OK}, {@link #FAILED} or {@link #USAGE}. Draws progress on {@code err} only when
   * the JVM has a console.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> list = List.of(args);
    if (list.isEmpty()) {
      err.println(USAGE_TEXT);
      return USAGE;
    }
    String command = list.get(0);
    if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
      out.println(USAGE_TEXT);
      return OK;
    }
    if (!command.equals("bake")) {
      return usageError(err, "unknown command '" + command + "'");
    }
    BakeOptions options;
    try {
      options = BakeOptions.parse(list.subList(1, list.size()));
    } catch (IllegalArgumentException e) {
      return usageError(err, String.valueOf(e.getMessage()));
    }
    if (options.help()) {
      out.println(USAGE_TEXT);
      return OK;
    }
    return bake(options, out, err);
  }

  private static int usageError(PrintStream err, String problem) {
    err.println("pizza: " + problem);
    err.println(USAGE_TEXT);
    return USAGE;
  }

  private static int bake(BakeOptions options, PrintStream out, PrintStream err) {
    PrintStream summary = "-".equals(options.jsonl()) ? err : out;
    @Nullable Writer jsonl = null;
    RepoStore store;
    try {
      store = options.store().builder().build();
    } catch (IOException | RuntimeException e) {
      err.println("pizza: cannot open the repository cache: " + e.getMessage());
      return FAILED;
    }
    try (store;
        FileCommitSink files = new FileCommitSink(options.dataDir());
        PizzaOven oven =
            PizzaOven.builder()
                .backend(
                    JGitBackend.builder()
                        .store(store)
                        .generationsDirectory(options.dataDir().resolve("generations"))
                        .build())
                .allowLocalRepositories(true)
                .build()) {
      jsonl = openJsonl(options.jsonl(), out);
      CommitSink sink = jsonl == null ? files : new JsonlCommitSink(files, jsonl);
      boolean failed = false;
      for (String argument : options.repositories()) {
        failed |= !bakeOne(argument, oven, sink, files, options.verbose(), summary, err);
      }
      return failed ? FAILED : OK;
    } catch (IOException e) {
      err.println("pizza: " + e.getMessage());
      return FAILED;
    } finally {
      closeJsonl(jsonl, options.jsonl(), err);
    }
  }

  /** Bakes one repository and prints its summary or its failure; returns whether it succeeded. */
  private static boolean bakeOne(
      String argument,
      PizzaOven oven,
      CommitSink sink,
      FileCommitSink files,
      boolean verbose,
      PrintStream summary,
      PrintStream err) {
    @Nullable TerminalProgress progress =
        System.console() == null ? null : new TerminalProgress(err);
    try {
      RepositoryUrl url = RepositoryUrl.parse(argument);
      BakeResult result = oven.bake(url, sink, progress == null ? ProgressListener.NONE : progress);
      FileCommitSink.Totals totals = files.totals(result.repository());
      if (progress != null) {
        progress.clear();
      }
      summary.println(summaryLine(result, totals));
      return true;
    } catch (PizzaException | IOException | RuntimeException e) {
      if (progress != null) {
        progress.clear();
      }
      err.println(FailureMessages.describe(argument, e));
      if (verbose) {
        e.printStackTrace(err);
      }
      return false;
    }
  }

  /** Returns e.g. {@code /src/app: 2 new, 40 total, 3 authors (read in place, 0.12 s)}. */
  static String summaryLine(BakeResult result, FileCommitSink.Totals totals) {
    StringBuilder b = new StringBuilder();
    b.append(result.repository().url())
        .append(": ")
        .append(result.newCommits())
        .append(" new, ")
        .append(totals.commits())
        .append(" total, ")
        .append(totals.authors())
        .append(totals.authors() == 1 ? " author" : " authors");
    if (result.retractedCommits() > 0) {
      b.append(", ").append(result.retractedCommits()).append(" retracted");
    }
    if (result.resynced()) {
      b.append(", resynced");
    }
    String how =
        switch (result.acquisition()) {
          case CLONED -> "cloned";
          case FETCHED -> "fetched";
          case READ_IN_PLACE -> "read in place";
        };
    return b.append(" (")
        .append(how)
        .append(", ")
        .append(seconds(result.timings().total()))
        .append(')')
        .toString();
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
  }

  private static @Nullable Writer openJsonl(@Nullable String target, PrintStream out)
      throws IOException {
    if (target == null) {
      return null;
    }
    if (target.equals("-")) {
      return new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }
    try {
      return Files.newBufferedWriter(Path.of(target), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IOException("cannot write the JSONL file " + target + ": " + e, e);
    }
  }

  /** Closes a JSONL file; only flushes standard output, which is not ours to close. */
  private static void closeJsonl(@Nullable Writer jsonl, @Nullable String target, PrintStream err) {
    if (jsonl == null) {
      return;
    }
    try {
      if ("-".equals(target)) {
        jsonl.flush();
      } else {
        jsonl.close();
      }
    } catch (IOException e) {
      err.println("pizza: cannot finish the JSONL output " + target + ": " + e.getMessage());
    }
  }

  /** The parsed arguments of {@code bake}. */
  private record BakeOptions(
      StoreSettings store,
      Path dataDir,
      @Nullable String jsonl,
      boolean verbose,
      boolean help,
      List<String> repositories) {

    /**
     * Parses the arguments after {@code bake}; throws IllegalArgumentException on a usage error.
     */
    static BakeOptions parse(List<String> args) {
      StoreSettings store = StoreSettings.parse(args);
      Path dataDir = Path.of(System.getProperty("user.home"), ".local", "share", "pizza");
      @Nullable String jsonl = null;
      boolean verbose = false;
      boolean help = false;
      List<String> repositories = new ArrayList<>();
      List<String> rest = store.remaining();
      for (int i = 0; i < rest.size(); i++) {
        String a = rest.get(i);
        switch (a) {
          case "--data-dir" -> dataDir = Path.of(valueOf(rest, ++i, a));
          case "--jsonl" -> jsonl = valueOf(rest, ++i, a);
          case "--verbose", "-v" -> verbose = true;
          case "--help", "-h" -> help = true;
          case "--" -> {
            repositories.addAll(rest.subList(i + 1, rest.size()));
            i = rest.size();
          }
          default -> {
            if (a.startsWith("-")) {
              throw new IllegalArgumentException("unknown option '" + a + "'");
            }
            repositories.add(a);
          }
        }
      }
      if (repositories.isEmpty() && !help) {
        throw new IllegalArgumentException("bake needs at least one repository URL or path");
      }
      return new BakeOptions(store, dataDir, jsonl, verbose, help, List.copyOf(repositories));
    }
  }

  static String valueOf(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(index);
  }
}
