package dev.pizza.examples.bench;

import dev.pizza.BakeResult;
import dev.pizza.Checkpoint;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryId;
import dev.pizza.RepositoryUrl;
import dev.pizza.examples.cli.PizzaCli;
import dev.pizza.jgit.JGitBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark program: pizza's bake against native {@code git log}, side by side on the same
 * repositories, in one session: synthetic ones it generates, and real ones given by path.
 *
 * <pre>
 * java -cp examples/cli/target/pizza.jar dev.pizza.examples.bench.Benchmark \
 *     [--commits 100000,1000000] [--runs 3] [--warmup 2] [--seed 42] [--increment 100] \
 *     [--bake-xmx 256m] [--repos examples/cli/target/bench-repos] \
 *     [--repack-window 250] [--repo PATH]... [--real-increment 2500]
 * </pre>
 *
 * <p>A picocli command: {@code --help} explains each option and the output; options shared with
 * {@link SinkBenchmark} come from {@link ChildBakeBenchmark}.
 *
 * <p>{@code --commits 0} skips the synthetic repositories. Each {@code --repo} (a local repository,
 * bare or not, which is only read) gets rows (a) to (c) and (e), and instead of (d) the rows of
 * {@link RealHistoryIncrement}: an incremental bake of about {@code --real-increment} commits
 * against {@code git rev-list} for the same delta, and a bake with nothing new. When the benchmark
 * runs from {@code pizza.jar}, every repository also gets row (b'): the CLI's {@code bake --jsonl}
 * as a whole process, in a new home directory each run (so JGit's first-use costs are in it).
 *
 * <p>Per repository size it measures, {@code --runs} times each, and prints min/median/max:
 *
 * <ul>
 *   <li>(a) {@code git log --branches --tags} printing every field a bake reads (ids, parents,
 *       author and committer name, email, raw date, full message), output drained and discarded;
 *       wall time and peak RSS;
 *   <li>(b) a full bake as a whole process: {@code java -Xmx256m ... BakeOnce <repo>}, JVM start
 *       included; wall time and peak RSS;
 *   <li>(c) the same bake in this warm JVM, after {@code --warmup} untimed bakes;
 *   <li>(d) an incremental bake: {@code --increment} commits added on top of {@code main}, baked
 *       from the checkpoint of the full history (only that bake is timed); {@code main} is put back
 *       afterwards;
 *   <li>(e) the heap of (b): peak used, largest after a collection, and both per commit.
 * </ul>
 *
 * <p>Runs of (a) and (b) alternate so that drift in the machine's load hits both alike. Every bake
 * is checked against {@code git rev-list --branches --tags} (count and {@link IdChecksum}); a
 * mismatch stops the program. A failed process bake (such as an {@link OutOfMemoryError}) is
 * reported in the table and does not stop it. Peak RSS comes from {@link MeasuredProcess}.
 */
@Command(
    name = "Benchmark",
    mixinStandardHelpOptions = true,
    versionProvider = PizzaCli.Version.class,
    description = {
      "pizza's bake against native git log, side by side on the same repositories: synthetic"
          + " ones it generates (--commits) and real local ones (--repo), which are only read.",
      ""
    },
    footer = {
      "",
      "Output: the machine, then per repository a table of min/median/max over --runs runs:"
          + " (a) git log --branches --tags printing every field a bake reads, wall time and"
          + " peak RSS; (b) a full bake as a whole process (java -Xmx<--bake-xmx> ... BakeOnce),"
          + " wall time and peak RSS; (b') the CLI's bake --jsonl as a whole process, when run"
          + " from pizza.jar; (c) the same bake in this warm JVM after --warmup untimed bakes;"
          + " (d) an incremental bake of --increment new commits (synthetic repositories);"
          + " (e) the heap of (b). A real repository gets instead of (d) an incremental bake of"
          + " about --real-increment commits against git rev-list, and a bake with nothing new.",
      "Every bake is checked against git rev-list --branches --tags; a mismatch stops the"
          + " program (exit status 1)."
    })
public final class Benchmark extends ChildBakeBenchmark implements Callable<Integer> {
  private static final String GIT_FORMAT =
      "--format=%H%x00%P%x00%an%x00%ae%x00%ad%x00%cn%x00%ce%x00%cd%x00%B";

  @Option(
      names = "--repo",
      paramLabel = "PATH",
      description = "a local repository, bare or not, to measure as well (repeatable)")
  private List<Path> realRepos = new ArrayList<>();

  @Option(
      names = "--real-increment",
      paramLabel = "N",
      defaultValue = "2500",
      description =
          "commits, about, of the incremental bake of each --repo (default ${DEFAULT-VALUE})")
  private int realIncrement = 2_500;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "2",
      description = "untimed bakes in this JVM before (c) (default ${DEFAULT-VALUE})")
  private int warmup = 2;

  @Option(
      names = "--increment",
      paramLabel = "N",
      defaultValue = "100",
      description =
          "commits added on top of main for the incremental bake (d), at least 1"
              + " (default ${DEFAULT-VALUE})")
  private int increment = 100;

  private final Path generations;

  private Benchmark() throws java.io.IOException {
    generations = Files.createTempDirectory("pizza-bench-generations");
  }

  /** Runs the benchmark; see the class comment or {@code --help} for the options. */
  public static void main(String[] args) throws Exception {
    System.exit(new CommandLine(new Benchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    checkOptions();
    if (warmup < 0 || increment < 1) {
      throw usageError("--increment must be >= 1, --warmup >= 0");
    }
    System.out.println("pizza benchmark: bake vs git log");
    System.out.print(MachineInfo.describe(java));
    System.out.println("classpath of (b): " + classpath);
    System.out.println(
        "warm JVM max heap: " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
    for (int size : sizes) {
      if (size > 0) {
        measure(size);
      }
    }
    for (Path repo : realRepos) {
      measureReal(repo.toAbsolutePath().normalize());
    }
    return 0;
  }

  private void measure(int size) throws Exception {
    System.out.printf(Locale.ROOT, "%n== %,d commits, seed %d ==%n", size, seed);
    SyntheticRepository repo = SyntheticRepository.obtain(repos, size, seed, repackWindow);
    System.out.println(
        repo.reused()
            ? "reused " + repo.directory()
            : String.format(
                Locale.ROOT,
                "generated %s in %.1f s",
                repo.directory(),
                repo.generationNanos() / 1e9));
    IdChecksum expected =
        IdChecksum.ofLines(GitCommand.run(repo.directory(), "rev-list", "--branches", "--tags"));
    System.out.println(
        "reachable from branches and tags: "
            + expected.count()
            + " commits, checksum "
            + expected.hex()
            + "; load "
            + MachineInfo.loadAverage());

    Map<String, List<Double>> m = new HashMap<>();
    List<String> failures = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      gitLog(repo.directory(), m);
      bakeProcess(repo.directory(), expected, m, failures);
      cliProcess(repo.directory(), m);
    }
    Checkpoint base = warmBakes(repo.directory(), expected, m);
    incrementalBakes(repo, base, m);
    System.out.println("load after: " + MachineInfo.loadAverage());
    BakeTable.print(size, m, failures, bakeXmx, increment);
  }

  /** The rows of a real repository: as for a synthetic one, with its own incremental rows. */
  private void measureReal(Path repo) throws Exception {
    IdChecksum expected =
        IdChecksum.ofLines(GitCommand.run(repo, "rev-list", "--branches", "--tags"));
    long refs = GitCommand.run(repo, "for-each-ref", "refs/heads", "refs/tags").lines().count();
    System.out.printf(
        Locale.ROOT,
        "%n== %s: %,d commits from %d branches and tags ==%nload %s%n",
        repo,
        expected.count(),
        refs,
        MachineInfo.loadAverage());
    Map<String, List<Double>> m = new HashMap<>();
    List<String> failures = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      gitLog(repo, m);
      bakeProcess(repo, expected, m, failures);
      cliProcess(repo, m);
    }
    Checkpoint current = warmBakes(repo, expected, m);
    BakeTable.print((int) expected.count(), m, failures, bakeXmx, 0);
    new RealHistoryIncrement(repo, runs, this::ovenUnchecked).measure(realIncrement, current);
    System.out.println("load after: " + MachineInfo.loadAverage());
  }

  private void cliProcess(Path repo, Map<String, List<Double>> m) throws Exception {
    if (classpath.endsWith(".jar")) {
      double seconds = CliProcess.bakeJsonl(java, classpath, bakeXmx, repo);
      if (seconds >= 0) {
        add(m, "cli.s", seconds);
      }
    }
  }

  private void gitLog(Path repo, Map<String, List<Double>> m) throws Exception {
    List<String> command =
        List.of(
            "git", "-C", repo.toString(), "log", "--branches", "--tags", GIT_FORMAT, "--date=raw");
    MeasuredProcess.Result r = MeasuredProcess.run(command, null, false).requireSuccess(command);
    add(m, "git.s", r.wallNanos() / 1e9);
    addRss(m, "git.rss", r.peakRssKb());
    addCpu(m, "git.cpu", r.cpuNanos());
  }

  private void bakeProcess(
      Path repo, IdChecksum expected, Map<String, List<Double>> m, List<String> failures)
      throws Exception {
    List<String> command =
        List.of(
            java.toString(),
            "-Xmx" + bakeXmx,
            "-cp",
            classpath,
            BakeOnce.class.getName(),
            repo.toString());
    MeasuredProcess.Result r = MeasuredProcess.run(command, null, true);
    if (r.exitCode() != 0) {
      String why =
          r.stderr().contains("OutOfMemoryError") ? "OutOfMemoryError" : "exit " + r.exitCode();
      failures.add(why);
      System.out.println("(b) failed (" + why + "): " + lastLines(r.stderr()));
      return;
    }
    Map<String, String> out = keyValues(r.stdout());
    check(
        "(b)",
        expected,
        Long.parseLong(out.getOrDefault("commits", "-1")),
        out.getOrDefault("checksum", ""));
    add(m, "proc.s", r.wallNanos() / 1e9);
    addRss(m, "proc.rss", r.peakRssKb());
    addCpu(m, "proc.cpu", r.cpuNanos());
    add(m, "proc.heap", Long.parseLong(out.getOrDefault("peakHeap", "0")) / 1e6);
    add(m, "proc.live", Long.parseLong(out.getOrDefault("maxHeapAfterGc", "0")) / 1e6);
  }

  /** Runs the warm bakes; returns the checkpoint of the last full bake. */
  private Checkpoint warmBakes(Path repo, IdChecksum expected, Map<String, List<Double>> m)
      throws Exception {
    Checkpoint last = Checkpoint.empty();
    try (PizzaOven oven = oven()) {
      for (int r = 0; r < warmup + runs; r++) {
        CountingSink sink = new CountingSink();
        long start = System.nanoTime();
        long cpu0 = MachineInfo.processCpuNanos();
        BakeResult result = oven.bake(repo.toString(), sink);
        long nanos = System.nanoTime() - start;
        long cpu = MachineInfo.processCpuNanos() - cpu0;
        check("(c)", expected, sink.count(), sink.checksum().hex());
        if (r >= warmup) {
          add(m, "warm.s", nanos / 1e9);
          addCpu(m, "warm.cpu", cpu0 < 0 ? -1 : cpu);
        }
        last = sink.saved(result.repository());
      }
    }
    return last;
  }

  private void incrementalBakes(
      SyntheticRepository repo, Checkpoint base, Map<String, List<Double>> m) throws Exception {
    String newTip = repo.appendToMain(increment);
    RepositoryId id = RepositoryUrl.parse(repo.directory().toString()).id();
    try (PizzaOven oven = oven()) {
      for (int r = 0; r < runs; r++) {
        CountingSink sink = CountingSink.startingFrom(id, base);
        long start = System.nanoTime();
        oven.bake(repo.directory().toString(), sink);
        long nanos = System.nanoTime() - start;
        if (sink.count() != increment) {
          throw new IllegalStateException(
              "(d) expected "
                  + increment
                  + " new commits on top of "
                  + base
                  + " up to "
                  + newTip
                  + ", the bake delivered "
                  + sink.count());
        }
        add(m, "incr.s", nanos / 1e9);
      }
    } finally {
      repo.resetMain();
    }
  }

  /**
   * The oven of the warm and incremental rows, set up as the CLI sets up its own: generation
   * numbers of local repositories are kept (here in a temporary directory), so the first full bake
   * writes them and incremental bakes read them.
   */
  private PizzaOven oven() throws java.io.IOException {
    return PizzaOven.builder()
        .backend(JGitBackend.builder().generationsDirectory(generations).build())
        .allowLocalRepositories(true)
        .build();
  }

  private PizzaOven ovenUnchecked() {
    try {
      return oven();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Throws unless {@code row} gave as many commits, with the same checksum, as git rev-list. */
  static void check(String row, IdChecksum expected, long count, String checksum) {
    if (count != expected.count() || !checksum.equals(expected.hex())) {
      throw new IllegalStateException(
          row
              + " delivered "
              + count
              + " commits with checksum "
              + checksum
              + ", git rev-list has "
              + expected.count()
              + " with "
              + expected.hex());
    }
  }

  private static void add(Map<String, List<Double>> m, String key, double value) {
    m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  private static void addCpu(Map<String, List<Double>> m, String key, long nanos) {
    if (nanos >= 0) {
      add(m, key, nanos / 1e9);
    }
  }

  private static void addRss(Map<String, List<Double>> m, String key, long kb) {
    if (kb >= 0) {
      add(m, key, kb / 1024.0);
    }
  }

  private static Stats stats(Map<String, List<Double>> m, String key) {
    return Stats.of(m.getOrDefault(key, List.of()));
  }

  /** Parses {@code key=value} pairs separated by spaces (the output of {@link BakeOnce}). */
  static Map<String, String> keyValues(String line) {
    Map<String, String> values = new HashMap<>();
    for (String pair : line.strip().split("\\s+")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return values;
  }

  private static String lastLines(String text) {
    String[] lines = text.strip().split("\n");
    return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
  }
}
