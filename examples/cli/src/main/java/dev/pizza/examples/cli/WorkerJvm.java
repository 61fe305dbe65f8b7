package dev.pizza.examples.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs a short command of {@code java -jar pizza.jar} ({@code bake}, {@code export}, {@code stats},
 * {@code repos}) in a second JVM, the worker, started with flags for a short-lived program, and
 * exits with its status. A jar cannot choose the flags of the JVM it runs in, and the defaults are
 * for long-running servers: a bake of rails' history with {@code java -Xmx256m -jar pizza.jar}
 * spent 6.2 s of CPU (3.5 s wall), most of it compiling with C2 for code that ran once; with the
 * flags below, 3.2 s (2.0 s wall). The flags:
 *
 * <ul>
 *   <li>{@code -XX:TieredStopAtLevel=1}: C1 only, whose code is ready at once; a bake is over
 *       before C2's code pays for its compiling;
 *   <li>{@code -XX:+UseSerialGC}: one collector thread; a bake's heap is small;
 *   <li>the class-data archive of this jar and JVM ({@link JarSidecar}), which holds the classes a
 *       bake loads, already parsed and verified: the first bake with a jar lists the classes it
 *       loads and dumps the archive after it ends; every later run maps it;
 *   <li>{@code -Dpizza.sqlite.native} and {@code -Dpizza.sqlite.template}: the SQLite library and
 *       the empty database kept beside the archive ({@link SqliteNativeLibrary}, {@link
 *       SchemaTemplate}).
 * </ul>
 *
 * <p>The JVM options of this process (those before {@code -jar}, such as {@code -Xmx256m}) go to
 * the worker after these, so a user's choice wins; a user who chose a collector or a compiler keeps
 * it. Standard input, output and error are this process's own. When this process is stopped
 * (Ctrl-C, {@code kill}) it stops the worker; when it is killed outright, the worker notices within
 * a fraction of a second and stops too ({@link #watchParent}). {@code -Dpizza.fork=false} runs
 * every command in the JVM it was started in, as {@code serve} always does (a server wants C2's
 * code), and so do {@code help} and a run without a command.
 */
final class WorkerJvm {
  /** {@code -Dpizza.fork=false}: run here, never in a worker. */
  static final String FORK = "pizza.fork";

  /** Set on the worker: the process id of the JVM that waits for it. */
  static final String PARENT = "pizza.worker.parent";

  /** The main class the worker runs: this jar's, named so the worker need not read the manifest. */
  static final String MAIN_CLASS = PizzaCli.class.getName();

  private static final Set<String> SHORT_COMMANDS = Set.of("bake", "export", "stats", "repos");
  private static final long WATCH_MILLIS = 200;

  private WorkerJvm() {}

  /**
   * Runs {@code args} in a worker when this JVM was started with {@code -jar} for a short command,
   * and returns its exit status; empty when the command is to run here (or a worker cannot start).
   */
  static OptionalInt runIfShort(String[] args) {
    if (args.length == 0
        || !SHORT_COMMANDS.contains(args[0])
        || System.getProperty(PARENT) != null
        || !Boolean.parseBoolean(System.getProperty(FORK, "true"))) {
      return OptionalInt.empty();
    }
    Optional<String[]> argv = ProcessHandle.current().info().arguments();
    if (argv.isEmpty()) {
      return OptionalInt.empty();
    }
    Optional<Launch> launch = Launch.of(List.of(argv.get()), List.of(args));
    if (launch.isEmpty()) {
      return OptionalInt.empty();
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    JarSidecar sidecar = JarSidecar.of(launch.get().jar(), java, Directories.ofEnvironment());
    boolean train = args[0].equals("bake") && sidecar.wantsArchive(launch.get().options());
    List<String> command = launch.get().workerCommand(java, sidecar, train, args);
    try {
      int status = run(command);
      if (train && status == 0) {
        sidecar.dumpArchive(java, launch.get().jar());
      }
      return OptionalInt.of(status);
    } catch (IOException e) {
      // No worker (the java program missing or not runnable): run here, as before.
      return OptionalInt.empty();
    } finally {
      sidecar.deleteClassList();
    }
  }

  /** Runs the worker with this process's input and output, and returns its exit status. */
  private static int run(List<String> command) throws IOException {
    Starting starting = new Starting();
    Runtime.getRuntime().addShutdownHook(new Thread(starting, "pizza-stop-worker"));
    Process worker = starting.start(new ProcessBuilder(command).inheritIO());
    boolean interrupted = false;
    while (true) {
      try {
        int status = worker.waitFor();
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        return status;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }

  /**
   * The worker's start, which a stop (the shutdown hook) waits for, so that a stop that comes while
   * the worker is being started still finds it; a worker asked to start after a stop is not.
   */
  private static final class Starting implements Runnable {
    private @Nullable Process worker;
    private boolean stopped;

    synchronized Process start(ProcessBuilder builder) throws IOException {
      if (stopped) {
        throw new IOException("stopping");
      }
      Process p = builder.start();
      worker = p;
      return p;
    }

    /**
     * Stops the worker: the shutdown hook (a class of its own, as no lambda spins in the parent).
     */
    @Override
    public void run() {
      Process p;
      synchronized (this) {
        stopped = true;
        p = worker;
      }
      if (p == null) {
        return;
      }
      p.destroy();
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * In a worker: halts this JVM when the process that started it is gone (killed without a chance
   * to stop the worker), so that no bake goes on that nobody waits for. A daemon thread asks every
   * {@value #WATCH_MILLIS} ms; it also looks the parent up, as the first use of {@link
   * ProcessHandle} in a JVM costs about 10 ms of set-up that the main thread need not wait for.
   */
  static void watchParent() {
    String pid = System.getProperty(PARENT);
    if (pid == null) {
      return;
    }
    long parentPid;
    try {
      parentPid = Long.parseLong(pid);
    } catch (NumberFormatException e) {
      return;
    }
    Thread watch =
        new Thread(
            () -> {
              Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
              while (parent.isPresent() && parent.get().isAlive()) {
                try {
                  Thread.sleep(WATCH_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
              }
              Runtime.getRuntime().halt(FAILED_WITHOUT_PARENT);
            },
            "pizza-watch-parent");
    watch.setDaemon(true);
    watch.start();
  }

  /** The status of a worker whose parent is gone: nobody reads it; a crash, as a kill would be. */
  private static final int FAILED_WITHOUT_PARENT = 137;

  /**
   * How this JVM was started with {@code -jar}: the JVM options before it and the jar.
   *
   * @param options the JVM options, in order
   * @param jar the jar, absolute
   */
  record Launch(List<String> options, Path jar) {
    Launch {
      options = List.copyOf(options);
    }

    /**
     * Reads {@code argv} (the java program's arguments, without the program) of a run whose main
     * got {@code args}: empty without {@code -jar}, or when what follows the jar is not {@code
     * args} (a command line the system reported cut short or otherwise than it was given).
     */
    static Optional<Launch> of(List<String> argv, List<String> args) {
      int at = argv.indexOf("-jar");
      if (at < 0 || at + 1 >= argv.size() || !argv.subList(at + 2, argv.size()).equals(args)) {
        return Optional.empty();
      }
      for (String option : argv.subList(0, at)) {
        if (!option.startsWith("-") && !option.startsWith("@")) {
          return Optional.empty(); // not an option: a main class, so -jar is an argument
        }
      }
      return Optional.of(
          new Launch(argv.subList(0, at), Path.of(argv.get(at + 1)).toAbsolutePath()));
    }

    /** The worker's command line for {@code args}. */
    List<String> workerCommand(Path java, JarSidecar sidecar, boolean train, String[] args) {
      List<String> command = new ArrayList<>();
      command.add(java.toString());
      // Loops, not streams and lambdas: this runs in the parent before the worker starts, in a JVM
      // without the class-data archive, where each lambda spins a class of its own.
      boolean compiler = false;
      boolean collector = false;
      for (String o : options) {
        compiler |= choosesCompiler(o);
        collector |= o.startsWith("-XX:+Use") && o.endsWith("GC");
      }
      if (!compiler) {
        command.add("-XX:TieredStopAtLevel=1");
      }
      if (!collector) {
        command.add("-XX:+UseSerialGC");
      }
      command.addAll(sidecar.flags(options, train));
      command.add("-D" + PARENT + "=" + ProcessHandle.current().pid());
      command.addAll(options);
      // The jar on the class path and the main class named, not -jar: the launcher of -jar opens
      // the jar to read its manifest, then the class loader opens it again, and each opening reads
      // the whole central directory (18,000 entries). The manifest asks for nothing else. A path
      // that a class path would split (it holds the separator) keeps -jar.
      String path = jar.toString();
      if (path.contains(File.pathSeparator)) {
        command.add("-jar");
        command.add(path);
      } else {
        command.add("-cp");
        command.add(path);
        command.add(MAIN_CLASS);
      }
      command.addAll(List.of(args));
      return command;
    }
  }

  private static boolean choosesCompiler(String option) {
    return option.startsWith("-XX:TieredStopAtLevel")
        || option.equals("-XX:-TieredCompilation")
        || option.equals("-Xint")
        || option.equals("-Xcomp");
  }
}
