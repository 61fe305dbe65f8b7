package dev.pizza.examples.bench;

import dev.pizza.examples.cli.PizzaCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark of the write path: the same first bake of a synthetic repository into a {@link
 * CountingSink}, into a new SQLite file and into a new PostgreSQL database, each a whole {@link
 * BakeOnce} process under the same {@code -Xmx}.
 *
 * <pre>
 * java -cp examples/cli/target/pizza.jar dev.pizza.examples.bench.SinkBenchmark \
 *     [--commits 100000,1000000] [--runs 3] [--seed 42] [--bake-xmx 256m] \
 *     [--repos DIR] [--repack-window 250] [--work DIR] [--postgres JDBC_URL] \
 *     [--floor WRITER,NO_STATS_INDEX,COMMITS_ONLY,NO_KEY] [--floor-xmx 4g]
 * </pre>
 *
 * <p>A picocli command: {@code --help} explains each option and the output; options shared with
 * {@link Benchmark} come from {@link ChildBakeBenchmark}.
 *
 * <p>The repositories are those of {@link Benchmark} ({@link SyntheticRepository}, generated once
 * under {@code --repos} and reused). {@code --postgres} names a server on which the URL's user may
 * create databases: each PostgreSQL run creates {@code pizza_bench_<pid>_<n>}, bakes into it and
 * drops it, and touches nothing else. Without it the PostgreSQL rows are left out; {@code
 * EmbeddedPostgresSinkBenchmark} in the test sources starts a local server and passes its URL.
 * SQLite files go to {@code --work} (default: a temporary directory) and are deleted after each
 * run.
 *
 * <p>Per size and sink it prints min/median/max of: the bake alone ({@code bakeMillis} of {@link
 * BakeOnce}: from the oven's first call to the bake's end, after the database was opened and
 * migrated), the whole process (JVM start, open, bake, and reading the stored ids back to check
 * them), its CPU (user+sys; a PostgreSQL server's own CPU is not in it), peak RSS and the heap's
 * live-set bound; and the bake's ratio to the counting sink's, against the goal (1.5 for SQLite, 2
 * for PostgreSQL). The sinks run in turn within each run so that drift in the machine's load hits
 * all alike; the load average is printed before and after. Every bake is checked against {@code git
 * rev-list --branches --tags} (count and {@link IdChecksum}, read back from the database for the
 * JDBC sinks); a mismatch stops the program.
 *
 * <p>{@code --floor} adds, per run and database, the floor of each variant named: the same records
 * stored by the sink alone from memory ({@link FloorOnce}), next to the bakes, with its ratio to
 * the counting sink's bake (what the database would cost if the walk took no time) and the bake's
 * ratio to it (what the overlap of walk and writes leaves on top).
 */
@Command(
    name = "SinkBenchmark",
    mixinStandardHelpOptions = true,
    versionProvider = PizzaCli.Version.class,
    description = {
      "The write path: the same first bake of a synthetic repository into a counting sink, a new"
          + " SQLite file and a new PostgreSQL database (with --postgres), each a whole BakeOnce"
          + " process under the same -Xmx.",
      ""
    },
    footer = {
      "",
      "Output: per size and sink, min/median/max over --runs runs of the bake alone (after the"
          + " database is opened and migrated), the whole process, its CPU (user+sys), peak RSS,"
          + " the heap's live-set bound and the time to open and migrate; the bake's ratio to the"
          + " counting sink's against the goal (1.5 for SQLite, 2 for PostgreSQL); the SQLite"
          + " file's size. The load average is printed before and after. With --floor: per"
          + " variant and database, the time, CPU (and server CPU) of storing the bake's records"
          + " from memory, its ratio to the counting sink and the bake's ratio to it.",
      "Every bake's stored ids are checked against git rev-list --branches --tags; a mismatch"
          + " stops the program (exit status 1)."
    })
public final class SinkBenchmark extends ChildBakeBenchmark implements Callable<Integer> {
  private static final double SQLITE_GOAL = 1.5;
  private static final double POSTGRES_GOAL = 2.0;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description =
          "where the SQLite files go, each deleted after its run (default: a new"
              + " temporary directory)")
  private @Nullable Path work;

  @Option(
      names = "--postgres",
      paramLabel = "JDBC_URL",
      description =
          "a PostgreSQL server on which the URL's user may create databases, e.g."
              + " jdbc:postgresql://127.0.0.1/postgres?user=postgres; each run creates"
              + " pizza_bench_<pid>_<n>, bakes into it and drops it (default: no PostgreSQL rows)")
  private @Nullable String postgres;

  @Option(
      names = "--floor",
      paramLabel = "VARIANT",
      split = ",",
      description =
          "after the bakes of each run, store the same records from memory (FloorOnce) into a new"
              + " SQLite file and PostgreSQL database per variant: ${COMPLETION-CANDIDATES}"
              + " (default: none)")
  private List<FloorOnce.Variant> floors = new ArrayList<>();

  @Option(
      names = "--floor-xmx",
      paramLabel = "SIZE",
      defaultValue = "4g",
      description =
          "-Xmx of each FloorOnce process, which holds every record of the bake"
              + " (default ${DEFAULT-VALUE})")
  private String floorXmx = "4g";

  private SinkBenchmark() {}

  /** Runs the benchmark and exits with its status; see the class comment or {@code --help}. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the benchmark with {@code args} and returns the exit status (0, 1 failed, 2 usage). */
  static int execute(String... args) {
    return new CommandLine(new SinkBenchmark())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .execute(args);
  }

  @Override
  public Integer call() throws Exception {
    checkOptions();
    System.out.println("pizza sink benchmark: first bake into counting sink, SQLite, PostgreSQL");
    System.out.print(MachineInfo.describe(java));
    System.out.println(
        "postgres: "
            + (postgres == null ? "not given (--postgres)" : BenchDatabases.redacted(postgres)));
    Path dir = work != null ? work : Files.createTempDirectory("pizza-sink-bench");
    Files.createDirectories(dir);
    for (int size : sizes) {
      measure(size, dir);
    }
    return 0;
  }

  private void measure(int size, Path work) throws Exception {
    System.out.printf(Locale.ROOT, "%n== %,d commits, seed %d ==%n", size, seed);
    SyntheticRepository repo = SyntheticRepository.obtain(repos, size, seed, repackWindow);
    System.out.println((repo.reused() ? "reused " : "generated ") + repo.directory());
    IdChecksum expected =
        IdChecksum.ofLines(GitCommand.run(repo.directory(), "rev-list", "--branches", "--tags"));
    System.out.println("load before: " + MachineInfo.loadAverage());
    Map<String, List<Double>> m = new HashMap<>();
    BenchDatabases pg = postgres == null ? null : new BenchDatabases(postgres);
    for (int r = 0; r < runs; r++) {
      bake("count", repo.directory(), null, expected, m);
      Path db = work.resolve("bench-" + ProcessHandle.current().pid() + "-" + r + ".db");
      try {
        bake("sqlite", repo.directory(), "jdbc:sqlite:" + db, expected, m);
        add(m, "sqlite.mb", Files.size(db) / 1e6);
      } finally {
        BenchDatabases.deleteSqlite(db);
      }
      if (pg != null) {
        String url = pg.create();
        try {
          bake("pg", repo.directory(), url, expected, m);
        } finally {
          pg.drop(url);
        }
      }
      for (FloorOnce.Variant v : floors) {
        Path file = work.resolve("floor-" + ProcessHandle.current().pid() + "-" + r + ".db");
        try {
          floor("sqlite", v, repo.directory(), "jdbc:sqlite:" + file, expected, m);
        } finally {
          BenchDatabases.deleteSqlite(file);
        }
        if (pg != null) {
          String url = pg.create();
          try {
            floor("pg", v, repo.directory(), url, expected, m);
          } finally {
            pg.drop(url);
          }
        }
      }
    }
    System.out.println("load after: " + MachineInfo.loadAverage());
    print(size, m);
  }

  private void bake(
      String sink,
      Path repo,
      @Nullable String jdbcUrl,
      IdChecksum expected,
      Map<String, List<Double>> m)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-Xmx" + bakeXmx,
                "-cp",
                classpath,
                BakeOnce.class.getName(),
                repo.toString()));
    if (jdbcUrl != null) {
      command.addAll(List.of("--db", jdbcUrl));
    }
    MeasuredProcess.Result r = MeasuredProcess.run(command, null, true);
    Map<String, String> out = checked(sink + " bake", r, expected);
    add(m, sink + ".bake", Long.parseLong(out.getOrDefault("bakeMillis", "0")) / 1e3);
    add(m, sink + ".bakecpu", Long.parseLong(out.getOrDefault("bakeCpuMillis", "0")) / 1e3);
    add(m, sink + ".insink", Long.parseLong(out.getOrDefault("sinkMillis", "0")) / 1e3);
    add(m, sink + ".open", Long.parseLong(out.getOrDefault("openMillis", "0")) / 1e3);
    add(m, sink + ".proc", r.wallNanos() / 1e9);
    if (r.cpuNanos() >= 0) {
      add(m, sink + ".cpu", r.cpuNanos() / 1e9);
    }
    if (r.peakRssKb() >= 0) {
      add(m, sink + ".rss", r.peakRssKb() / 1024.0);
    }
    add(m, sink + ".live", Long.parseLong(out.getOrDefault("maxHeapAfterGc", "0")) / 1e6);
    System.out.printf(
        Locale.ROOT,
        "  %-6s bake %7.1f s, process %7.1f s, load %s%n",
        sink,
        Long.parseLong(out.getOrDefault("bakeMillis", "0")) / 1e3,
        r.wallNanos() / 1e9,
        MachineInfo.loadAverage());
  }

  /**
   * Runs {@link FloorOnce} for {@code variant} into the new database at {@code jdbcUrl} and adds
   * its time and CPU to {@code m} under {@code sink.floor.VARIANT}.
   */
  private void floor(
      String sink,
      FloorOnce.Variant variant,
      Path repo,
      String jdbcUrl,
      IdChecksum expected,
      Map<String, List<Double>> m)
      throws Exception {
    List<String> command =
        List.of(
            java.toString(),
            "-Xmx" + floorXmx,
            "-cp",
            classpath,
            FloorOnce.class.getName(),
            repo.toString(),
            "--db",
            jdbcUrl,
            "--variant",
            variant.name());
    MeasuredProcess.Result r = MeasuredProcess.run(command, null, true);
    String label = sink + " floor " + variant.name().toLowerCase(Locale.ROOT);
    Map<String, String> out = checked(label, r, expected);
    String key = sink + ".floor." + variant.name();
    double seconds = Long.parseLong(out.getOrDefault("writeMillis", "0")) / 1e3;
    add(m, key, seconds);
    add(m, key + ".cpu", Long.parseLong(out.getOrDefault("writeCpuMillis", "0")) / 1e3);
    long server = Long.parseLong(out.getOrDefault("serverCpuMillis", "-1"));
    if (server >= 0) {
      add(m, key + ".server", server / 1e3);
    }
    System.out.printf(
        Locale.ROOT,
        "  %-6s writes alone (%s) %7.1f s, records held %s MB, load %s%n",
        sink,
        variant.name().toLowerCase(Locale.ROOT),
        seconds,
        Long.parseLong(out.getOrDefault("maxHeapAfterGc", "0")) / 1_000_000,
        MachineInfo.loadAverage());
  }

  /**
   * Returns the key=value pairs a child printed, after checking that it exited with 0 and stored
   * the ids {@code expected} holds.
   */
  private static Map<String, String> checked(
      String sink, MeasuredProcess.Result r, IdChecksum expected) {
    if (r.exitCode() != 0) {
      throw new IllegalStateException(sink + " exited with " + r.exitCode() + ":\n" + r.stderr());
    }
    Map<String, String> out = Benchmark.keyValues(r.stdout());
    Benchmark.check(
        sink,
        expected,
        Long.parseLong(out.getOrDefault("commits", "-1")),
        out.getOrDefault("checksum", ""));
    return out;
  }

  private void print(int size, Map<String, List<Double>> m) {
    Stats count = stats(m, "count.bake");
    ResultTable t = new ResultTable();
    for (String sink : List.of("count", "sqlite", "pg")) {
      Stats bake = stats(m, sink + ".bake");
      if (bake.count() == 0) {
        continue;
      }
      String name =
          switch (sink) {
            case "count" -> "counting sink";
            case "sqlite" -> "SQLite file";
            default -> "PostgreSQL";
          };
      String ratio =
          sink.equals("count")
              ? String.format(Locale.ROOT, "%.0f commits/s", size / bake.median())
              : "x counting "
                  + ResultTable.ratio(bake.median(), count.median())
                  + " (goal <= "
                  + (sink.equals("sqlite") ? SQLITE_GOAL : POSTGRES_GOAL)
                  + ")";
      t.row(name + ": bake", "s", bake, ratio)
          .row(name + ": bake's CPU, user+sys", "s", stats(m, sink + ".bakecpu"), "")
          .row(name + ": oven's thread in the sink", "s", stats(m, sink + ".insink"), "")
          .row(name + ": process, -Xmx" + bakeXmx, "s", stats(m, sink + ".proc"), "")
          .row(name + ": process CPU, user+sys", "s", stats(m, sink + ".cpu"), "")
          .row(name + ": peak RSS", "MB", stats(m, sink + ".rss"), "")
          .row(name + ": max heap after GC", "MB", stats(m, sink + ".live"), "");
      if (!sink.equals("count")) {
        t.row(name + ": open and migrate", "s", stats(m, sink + ".open"), "");
      }
    }
    for (String sink : List.of("sqlite", "pg")) {
      Stats bake = stats(m, sink + ".bake");
      for (FloorOnce.Variant v : floors) {
        String key = sink + ".floor." + v.name();
        Stats alone = stats(m, key);
        if (alone.count() == 0) {
          continue;
        }
        String name =
            (sink.equals("sqlite") ? "SQLite" : "PostgreSQL")
                + " alone: "
                + v.name().toLowerCase(Locale.ROOT);
        t.row(
                name,
                "s",
                alone,
                "x counting "
                    + ResultTable.ratio(alone.median(), count.median())
                    + ", bake / this "
                    + ResultTable.ratio(bake.median(), alone.median()))
            .row(name + ", CPU", "s", stats(m, key + ".cpu"), "");
        if (stats(m, key + ".server").count() > 0) {
          t.row(name + ", server CPU", "s", stats(m, key + ".server"), "");
        }
      }
    }
    t.row("SQLite file size", "MB", stats(m, "sqlite.mb"), "");
    System.out.println(t);
  }

  private static void add(Map<String, List<Double>> m, String key, double value) {
    m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  private static Stats stats(Map<String, List<Double>> m, String key) {
    return Stats.of(m.getOrDefault(key, List.of()));
  }
}
