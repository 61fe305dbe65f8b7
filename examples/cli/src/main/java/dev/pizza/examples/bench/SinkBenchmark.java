package dev.pizza.examples.bench;

import dev.pizza.examples.cli.PizzaCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
 *     [--repos DIR] [--repack-window 250] [--work DIR] [--postgres JDBC_URL]
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
          + " file's size. The load average is printed before and after.",
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

  private int databases;

  private SinkBenchmark() {}

  /** Runs the benchmark and exits with its status; see the class comment or {@code --help}. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the benchmark with {@code args} and returns the exit status (0, 1 failed, 2 usage). */
  static int execute(String... args) {
    return new CommandLine(new SinkBenchmark()).execute(args);
  }

  @Override
  public Integer call() throws Exception {
    checkOptions();
    System.out.println("pizza sink benchmark: first bake into counting sink, SQLite, PostgreSQL");
    System.out.print(MachineInfo.describe(java));
    System.out.println(
        "postgres: " + (postgres == null ? "not given (--postgres)" : redacted(postgres)));
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
    for (int r = 0; r < runs; r++) {
      bake("count", repo.directory(), null, expected, m);
      Path db = work.resolve("bench-" + ProcessHandle.current().pid() + "-" + r + ".db");
      try {
        bake("sqlite", repo.directory(), "jdbc:sqlite:" + db, expected, m);
        add(m, "sqlite.mb", Files.size(db) / 1e6);
      } finally {
        for (String suffix : List.of("", "-wal", "-shm")) {
          Files.deleteIfExists(Path.of(db + suffix));
        }
      }
      if (postgres != null) {
        String name = "pizza_bench_" + ProcessHandle.current().pid() + "_" + ++databases;
        admin(postgres, "CREATE DATABASE " + name);
        try {
          bake("pg", repo.directory(), database(postgres, name), expected, m);
        } finally {
          admin(postgres, "DROP DATABASE " + name);
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
    if (r.exitCode() != 0) {
      throw new IllegalStateException(
          sink + " bake exited with " + r.exitCode() + ":\n" + r.stderr());
    }
    Map<String, String> out = Benchmark.keyValues(r.stdout());
    long count = Long.parseLong(out.getOrDefault("commits", "-1"));
    String checksum = out.getOrDefault("checksum", "");
    if (count != expected.count() || !checksum.equals(expected.hex())) {
      throw new IllegalStateException(
          sink
              + " stored "
              + count
              + " commits with checksum "
              + checksum
              + ", git rev-list has "
              + expected.count()
              + " with "
              + expected.hex());
    }
    add(m, sink + ".bake", Long.parseLong(out.getOrDefault("bakeMillis", "0")) / 1e3);
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
          .row(name + ": process, -Xmx" + bakeXmx, "s", stats(m, sink + ".proc"), "")
          .row(name + ": process CPU, user+sys", "s", stats(m, sink + ".cpu"), "")
          .row(name + ": peak RSS", "MB", stats(m, sink + ".rss"), "")
          .row(name + ": max heap after GC", "MB", stats(m, sink + ".live"), "");
      if (!sink.equals("count")) {
        t.row(name + ": open and migrate", "s", stats(m, sink + ".open"), "");
      }
    }
    t.row("SQLite file size", "MB", stats(m, "sqlite.mb"), "");
    System.out.println(t);
  }

  private static void admin(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Returns {@code url} with its database name replaced by {@code name}. */
  static String database(String url, String name) {
    int hosts = url.indexOf("//");
    int slash = url.indexOf('/', hosts + 2);
    if (hosts < 0 || slash < 0) {
      throw new IllegalArgumentException("--postgres: expected jdbc:postgresql://HOST[:PORT]/DB");
    }
    int end = url.indexOf('?', slash);
    return url.substring(0, slash + 1) + name + (end < 0 ? "" : url.substring(end));
  }

  private static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  private static void add(Map<String, List<Double>> m, String key, double value) {
    m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  private static Stats stats(Map<String, List<Double>> m, String key) {
    return Stats.of(m.getOrDefault(key, List.of()));
  }
}
