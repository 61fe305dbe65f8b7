package dev.pizza.examples.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.pizza.BakeResult;
import dev.pizza.CommitSink;
import dev.pizza.PizzaOven;
import dev.pizza.examples.cli.PizzaCli;
import dev.pizza.examples.cli.SystemGitConfig;
import dev.pizza.jdbc.PizzaDatabase;
import dev.pizza.jgit.JGitBackend;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A program that bakes one local repository in full into a {@link CountingSink} (or into a
 * database) and exits: what the benchmarks time as a whole process, and what the bounded-memory
 * test runs under a small {@code -Xmx}.
 *
 * <p>Usage: {@code java -Xmx256m -cp pizza.jar dev.pizza.examples.bench.BakeOnce <repository>
 * [--no-checkpoints] [--db JDBC_URL]}. {@code --no-checkpoints} bakes without intermediate
 * checkpoints (commits in walk order, one pass), to measure what they cost. {@code --db} bakes into
 * the {@link PizzaDatabase} at {@code JDBC_URL} (opened and migrated before the bake's clock
 * starts; {@code openMillis} says how long that took) instead of the counting sink; the count and
 * checksum are then read back from the database after the clock stops; its intermediate checkpoints
 * are then those of the CLI's bakes into a database ({@link PizzaDatabase#CHECKPOINT_COMMITS}).
 *
 * <p>A picocli command: {@code --help} explains each option and the output.
 *
 * <p>It prints one line of {@code key=value} pairs: {@code commits}, {@code checksum} (see {@link
 * IdChecksum}), {@code peakHeap} and {@code maxHeapAfterGc} in bytes (see {@link HeapWatch}),
 * {@code gcCount}, {@code gcMillis} (all four taken when the bake ends), {@code bakeMillis} (the
 * bake alone, without JVM start), {@code bakeCpuMillis} (this process's CPU during the bake),
 * {@code sinkMillis} (the part of the bake the oven's thread spent in the sink's calls), {@code
 * openMillis}, and {@code serverCpuMillis} and {@code readServerCpuMillis}: the CPU of a PostgreSQL
 * server on this machine during the bake and during the read-back (-1 for SQLite, the counting sink
 * or a server elsewhere). Exits with status 1 and a stack trace when the bake fails, including on
 * {@link OutOfMemoryError}.
 */
@Command(
    name = "BakeOnce",
    mixinStandardHelpOptions = true,
    versionProvider = PizzaCli.Version.class,
    description = {
      "Bakes one local repository in full into a counting sink (or into a database) and exits.",
      ""
    },
    footer = {
      "",
      "Output: one line of key=value pairs: commits and checksum (of the ids delivered, or read"
          + " back from --db), delivered (new commits of the bake), peakHeap and maxHeapAfterGc"
          + " in bytes, gcCount and gcMillis (taken when the bake ends), bakeMillis (the bake"
          + " alone, without JVM start), bakeCpuMillis (the process's CPU during it), sinkMillis"
          + " (the oven's thread in the sink's calls), openMillis (opening and migrating --db), and for a"
          + " PostgreSQL server on this machine serverCpuMillis and readServerCpuMillis (its CPU"
          + " during the bake and during the read-back; -1 otherwise).",
      "Exit status 1 with a stack trace when the bake fails, including on OutOfMemoryError;"
          + " 2 for a usage error."
    })
public final class BakeOnce implements Callable<Integer> {
  @Parameters(paramLabel = "REPOSITORY", description = "a local repository directory, bare or not")
  private Path repositoryDirectory = Path.of("");

  @Option(
      names = "--no-checkpoints",
      description =
          "bake without intermediate checkpoints (commits in walk order, one pass), to measure"
              + " what they cost")
  private boolean noCheckpoints;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "bake into this database (opened and migrated before the bake's clock starts) instead"
              + " of the counting sink")
  private @Nullable String jdbcUrl;

  private BakeOnce() {}

  /** Bakes the repository and prints what it measured; see {@code --help}. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new BakeOnce()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    SystemGitConfig.install();
    HeapWatch heap = new HeapWatch();
    String repository = repositoryDirectory.toAbsolutePath().toString();
    PizzaOven.Builder builder =
        PizzaOven.builder().backend(JGitBackend.builder().build()).allowLocalRepositories(true);
    if (noCheckpoints) {
      builder.noIntermediateCheckpoints();
    } else if (jdbcUrl != null) {
      builder.intermediateCheckpoints(
          PizzaDatabase.CHECKPOINT_COMMITS, PizzaDatabase.CHECKPOINT_TIME);
    }
    long open = System.nanoTime();
    PizzaDatabase db = jdbcUrl == null ? null : PizzaDatabase.open(jdbcUrl);
    long openMillis = (System.nanoTime() - open) / 1_000_000;
    CountingSink counting = new CountingSink();
    CommitSink sink = db == null ? counting : db.sink();
    long postmaster = db == null ? -1 : postmaster(db.dataSource());
    long serverBefore = serverCpuMillis(postmaster);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long start = System.nanoTime();
    BakeResult result;
    try (PizzaOven oven = builder.build()) {
      result = oven.bake(repository, sink);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    long cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1_000_000;
    long serverAfter = serverCpuMillis(postmaster);
    long[] gc = HeapWatch.collections();
    long peakHeap = HeapWatch.peakUsed();
    long maxAfterGc = heap.maxAfterGc();
    IdChecksum checksum = counting.checksum();
    if (db != null) {
      try (db) {
        checksum = new IdChecksum();
        IdChecksum stored = checksum;
        db.queries().forEachCommit(result.repository().key(), r -> stored.add(r.id().hex()));
      }
    }
    long serverRead = serverCpuMillis(postmaster);
    System.out.println(
        "commits="
            + checksum.count()
            + " delivered="
            + result.newCommits()
            + " checksum="
            + checksum.hex()
            + " peakHeap="
            + peakHeap
            + " maxHeapAfterGc="
            + maxAfterGc
            + " gcCount="
            + gc[0]
            + " gcMillis="
            + gc[1]
            + " bakeMillis="
            + millis
            + " bakeCpuMillis="
            + cpuMillis
            + " sinkMillis="
            + result.timings().sink().toMillis()
            + " openMillis="
            + openMillis
            + " serverCpuMillis="
            + difference(serverAfter, serverBefore)
            + " readServerCpuMillis="
            + difference(serverRead, serverAfter));
    return 0;
  }

  /**
   * Returns the process id of the PostgreSQL server behind {@code dataSource} when it runs on this
   * machine (the parent of the connection's backend), else -1 (SQLite, or a server elsewhere).
   */
  static long postmaster(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent).orElseThrow().pid();
    } catch (SQLException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Returns the CPU (user and system) the server with postmaster {@code pid} used so far, in
   * milliseconds: the postmaster's with that of its ended children (backends, which it reaps), plus
   * that of its live children, from {@code /proc/PID/stat} in clock ticks of 1/100 s; -1 when
   * {@code pid} is -1 or {@code /proc} cannot be read.
   */
  static long serverCpuMillis(long pid) {
    if (pid < 0) {
      return -1;
    }
    try {
      long ticks = ticks(pid);
      List<ProcessHandle> children =
          ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of());
      for (ProcessHandle child : children) {
        try {
          ticks += ticks(child.pid());
        } catch (IOException e) {
          // ended since it was listed: its time is in the postmaster's by now, or soon
        }
      }
      return ticks * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Returns utime + stime + cutime + cstime of {@code pid}: fields 14 to 17 of its stat line. */
  private static long ticks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
    // After the command's closing parenthesis: field 3 (state) first, so field n is f[n - 3].
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11])
        + Long.parseLong(f[12])
        + Long.parseLong(f[13])
        + Long.parseLong(f[14]);
  }

  private static long difference(long after, long before) {
    return after < 0 || before < 0 ? -1 : after - before;
  }
}
