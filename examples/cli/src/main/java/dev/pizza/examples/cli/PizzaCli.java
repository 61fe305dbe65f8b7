package dev.pizza.examples.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.eclipse.jgit.util.FS;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code pizza} command-line tool, on picocli.
 *
 * <pre>
 * pizza bake [options] URL|PATH...        bake into pizza.db (or --db), print a summary each
 * pizza export --jsonl FILE|- URL|PATH    write every stored commit of a repository as JSON Lines
 * pizza stats [--json] URL|PATH           insights on a repository's stored commits
 * pizza repos                             the baked repositories
 * pizza serve [options]                   the HTTP service (POST /bake, GET /repos, /metrics...)
 * </pre>
 *
 * <p>Exit status: 0 when everything was done, 1 when any repository or command failed (one line per
 * failure on standard error), 2 for a usage error. Every command answers {@code --help}.
 */
@Command(
    name = "pizza",
    mixinStandardHelpOptions = true,
    versionProvider = PizzaCli.Version.class,
    description = "Sources git commits from repositories into a database you can query.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:everything was done",
      "1:some repository or command failed",
      "2:usage error"
    })
public final class PizzaCli implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  /**
   * The commands, in the order the usage lists them. picocli builds a command's model (its options,
   * mixins and converters, by reflection) when the command is added: a run that names one gets only
   * that one, about 10% of the main thread's CPU in a short bake; the usage, {@code help} and a
   * mistyped command get all of them. A holder of its own, so that the parent JVM of a worker
   * ({@link WorkerJvm}), which only starts the worker, loads none of the command classes.
   */
  private static final class Commands {
    static final Map<String, Class<?>> ALL = commands();

    private static Map<String, Class<?>> commands() {
      Map<String, Class<?>> m = new LinkedHashMap<>();
      m.put("bake", BakeCommand.class);
      m.put("export", ExportCommand.class);
      m.put("stats", StatsCommand.class);
      m.put("repos", ReposCommand.class);
      m.put("serve", ServeCommand.class);
      m.put("help", CommandLine.HelpCommand.class);
      return Collections.unmodifiableMap(m);
    }
  }

  final PrintStream out;
  final PrintStream err;
  final Directories directories;

  @Spec @Nullable CommandSpec spec;

  PizzaCli(PrintStream out, PrintStream err, Directories directories) {
    this.out = out;
    this.err = err;
    this.directories = directories;
  }

  /**
   * Runs the tool and exits with its status; a short command started with {@code java -jar} runs in
   * a worker JVM with flags for a short run ({@link WorkerJvm}).
   */
  public static void main(String[] args) {
    OptionalInt worker = WorkerJvm.runIfShort(args);
    if (worker.isPresent()) {
      System.exit(worker.getAsInt());
    }
    WorkerJvm.watchParent();
    Logging.configure(Logging.verbose(List.of(args)));
    Directories directories = Directories.ofEnvironment();
    EarlyStart.begin(
        args,
        SqliteNativeLibrary::useCachedCopy,
        () -> {
          SystemGitConfig.install();
          // JGit finds ~/.gitconfig and ~/.ssh through the JVM's user.home; follow $HOME as git
          // does.
          FS.DETECTED.setUserHome(directories.home().toFile());
        });
    int status = run(args, System.out, System.err, directories);
    CdsTraining.runIfAsked();
    System.exit(status);
  }

  /**
   * Runs the tool with {@code args}, printing to {@code out} and {@code err}, with the default
   * directories of this process's environment, and returns the exit status: {@link #OK}, {@link
   * #FAILED} or {@link #USAGE}. Draws progress on {@code err} only when the JVM has a console.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, Directories.ofEnvironment());
  }

  static int run(String[] args, PrintStream out, PrintStream err, Directories directories) {
    try {
      return commandLine(args, out, err, directories).execute(args);
    } catch (Error e) {
      // picocli hands an Error on (its execution exception handler gets Exceptions only): out of
      // memory in export's JSON of a huge commit, say. Said in one line as any other failure; the
      // commands' resources were closed as it passed them.
      String command = args.length > 0 ? Echo.escape(args[0]) + ": " : "";
      err.println(
          "pizza: "
              + command
              + FailureMessages.meaning(e)
              + ": "
              + Echo.escape(String.valueOf(e.getMessage())));
      if (Logging.verbose(List.of(args))) {
        e.printStackTrace(err);
      }
      err.flush();
      return FAILED;
    }
  }

  /**
   * The command line that runs {@code args}: with the model of the one command they name, or of
   * every command when they name none (the usage, {@code help}, a mistyped command).
   */
  static CommandLine commandLine(
      String[] args, PrintStream out, PrintStream err, Directories directories) {
    CommandLine cmd = new CommandLine(new PizzaCli(out, err, directories));
    String named = args.length > 0 ? args[0] : "";
    boolean one = Commands.ALL.containsKey(named) && !named.equals("help");
    Commands.ALL.forEach(
        (name, command) -> {
          if (!one || name.equals(named)) {
            cmd.addSubcommand(name, command);
          }
        });
    cmd.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cmd.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cmd.setParameterExceptionHandler(
        (e, arguments) -> {
          PrintWriter w = e.getCommandLine().getErr();
          w.println("pizza: " + Echo.message(String.valueOf(e.getMessage()), arguments));
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, w)) {
            e.getCommandLine().usage(w);
          }
          w.flush();
          return USAGE;
        });
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter w = commandLine.getErr();
          w.println(
              "pizza: internal error ("
                  + Echo.escape(String.valueOf(e))
                  + "; run with --verbose for details)");
          if (Logging.verbose(parseResult.originalArgs())) {
            e.printStackTrace(w);
          }
          w.flush();
          return FAILED;
        });
    return cmd;
  }

  /** Without a command: prints the usage to standard error, a usage error. */
  @Override
  public Integer call() {
    CommandSpec s = spec;
    PrintWriter w = s == null ? new PrintWriter(err, true) : s.commandLine().getErr();
    w.println("pizza: a command is required");
    if (s != null) {
      s.commandLine().usage(w);
    }
    w.flush();
    return USAGE;
  }

  /**
   * The version, from the jar's manifest, and the Java runtime: what {@code --version} prints, in
   * the CLI and in the other programs of pizza.jar (the benchmarks).
   */
  public static final class Version implements CommandLine.IVersionProvider {
    /** Creates the provider; picocli calls this. */
    public Version() {}

    @Override
    public String[] getVersion() {
      String v = PizzaCli.class.getPackage().getImplementationVersion();
      return new String[] {
        "pizza " + (v == null ? "(development build)" : v),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
