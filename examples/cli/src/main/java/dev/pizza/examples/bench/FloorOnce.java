package dev.pizza.examples.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.pizza.BakeResult;
import dev.pizza.CommitRecord;
import dev.pizza.PizzaOven;
import dev.pizza.examples.cli.PizzaCli;
import dev.pizza.examples.cli.SystemGitConfig;
import dev.pizza.jdbc.PizzaDatabase;
import dev.pizza.jdbc.SqlDialect;
import dev.pizza.jgit.JGitBackend;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The floor of a database bake: the time the sink takes to store the records of a full bake when
 * they are in memory already, so that nothing else runs beside it. A program: it bakes one local
 * repository into a {@link RecordedBake} (untimed: the walk), opens and migrates the database
 * ({@code --db}, as {@link BakeOnce} does), changes its schema as {@code --variant} says, and then
 * times the same calls of the sink ({@code begin}, {@code accept} of each batch as the oven made
 * it, {@code saveCheckpoint} at each of the bake's checkpoints) on {@link PizzaDatabase#sink()}:
 * the same statements in the same transactions, with the calling thread doing nothing but handing
 * the batches to the sink's writer thread.
 *
 * <p>Variants, from the whole schema to the bare engine (the differences are what each index and
 * the rows beside the commits cost):
 *
 * <ul>
 *   <li>{@code WRITER}: the schema as migrated;
 *   <li>{@code NO_STATS_INDEX}: without {@code commits_by_time}, the covering index of {@code
 *       stats};
 *   <li>{@code COMMITS_ONLY}: that, and records without trailers and co-authors, so only {@code
 *       commits} (and on SQLite the few rows of {@code author_emails}) take rows: the table and its
 *       unique key (repo_id, commit_id);
 *   <li>{@code NO_KEY}: that, and {@code commits} without its unique key: rows appended to a table
 *       with no index but SQLite's row id.
 * </ul>
 *
 * <p>It prints one line of {@code key=value} pairs: {@code commits} and {@code checksum} (read back
 * from the database), {@code batches}, {@code collectMillis} (the recording bake), {@code
 * writeMillis} (the timed calls), {@code writeCpuMillis} (this process's CPU during them, JIT and
 * GC included), {@code serverCpuMillis} (a PostgreSQL server's on this machine during them, -1
 * otherwise) and {@code maxHeapAfterGc} (the records held).
 */
@Command(
    name = "FloorOnce",
    mixinStandardHelpOptions = true,
    versionProvider = PizzaCli.Version.class,
    description = {
      "Bakes one local repository into memory, then times storing the same records through the"
          + " JDBC sink alone, in the bake's batches and transactions.",
      ""
    },
    footer = {
      "",
      "Output: one line of key=value pairs: commits and checksum (read back from --db), batches,"
          + " collectMillis, writeMillis, writeCpuMillis, serverCpuMillis (-1 unless a local"
          + " PostgreSQL server), maxHeapAfterGc."
    })
public final class FloorOnce implements Callable<Integer> {
  /** What the schema keeps while the records are written. */
  enum Variant {
    /** The schema as migrated. */
    WRITER,
    /** Without the covering index of stats. */
    NO_STATS_INDEX,
    /** Only commits and its unique key take rows. */
    COMMITS_ONLY,
    /** Only commits, without its unique key. */
    NO_KEY
  }

  @Parameters(paramLabel = "REPOSITORY", description = "a local repository directory, bare or not")
  private Path repositoryDirectory = Path.of("");

  @Option(
      names = "--db",
      required = true,
      paramLabel = "JDBC_URL",
      description = "the (new) database to write to")
  private String jdbcUrl = "";

  @Option(
      names = "--variant",
      paramLabel = "VARIANT",
      defaultValue = "WRITER",
      description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}); see the class comment")
  private Variant variant = Variant.WRITER;

  private FloorOnce() {}

  /** Runs the program; see {@code --help}. */
  public static void main(String[] args) {
    System.exit(
        new CommandLine(new FloorOnce()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    SystemGitConfig.install();
    HeapWatch heap = new HeapWatch();
    PizzaOven.Builder builder =
        PizzaOven.builder()
            .backend(JGitBackend.builder().build())
            .allowLocalRepositories(true)
            .intermediateCheckpoints(
                PizzaDatabase.CHECKPOINT_COMMITS, PizzaDatabase.CHECKPOINT_TIME);
    long collect = System.nanoTime();
    RecordedBake recorded = new RecordedBake();
    BakeResult result;
    try (PizzaOven oven = builder.build()) {
      result = oven.bake(repositoryDirectory.toAbsolutePath().toString(), recorded);
    }
    long collectMillis = (System.nanoTime() - collect) / 1_000_000;
    if (variant == Variant.COMMITS_ONLY || variant == Variant.NO_KEY) {
      recorded = recorded.mapRecords(FloorOnce::bare);
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    IdChecksum stored = new IdChecksum();
    long writeMillis;
    long cpuMillis;
    long serverMillis;
    try (PizzaDatabase db = PizzaDatabase.open(jdbcUrl)) {
      reshape(db, variant);
      long postmaster = BakeOnce.postmaster(db.dataSource());
      System.gc(); // the walk's garbage, not the writes', would be collected in the timed part
      long serverBefore = BakeOnce.serverCpuMillis(postmaster);
      long cpuBefore = os.getProcessCpuTime();
      long start = System.nanoTime();
      recorded.replay(db.sink());
      writeMillis = (System.nanoTime() - start) / 1_000_000;
      cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1_000_000;
      long serverAfter = BakeOnce.serverCpuMillis(postmaster);
      serverMillis = serverAfter < 0 || serverBefore < 0 ? -1 : serverAfter - serverBefore;
      db.queries().forEachCommit(result.repository().key(), r -> stored.add(r.id().hex()));
    }
    System.out.println(
        "commits="
            + stored.count()
            + " checksum="
            + stored.hex()
            + " recorded="
            + recorded.records()
            + " batches="
            + recorded.batches()
            + " collectMillis="
            + collectMillis
            + " writeMillis="
            + writeMillis
            + " writeCpuMillis="
            + cpuMillis
            + " serverCpuMillis="
            + serverMillis
            + " maxHeapAfterGc="
            + heap.maxAfterGc());
    return 0;
  }

  /** Returns {@code r} without trailers and co-authors: only its commits row is written. */
  private static CommitRecord bare(CommitRecord r) {
    return new CommitRecord(
        r.id(),
        r.parents(),
        r.author(),
        r.committer(),
        r.message(),
        List.of(),
        List.of(),
        r.mappedAuthor(),
        r.mappedCommitter(),
        List.of(),
        r.files());
  }

  /** Takes out of the (new, empty) database's schema what {@code variant} leaves out. */
  private static void reshape(PizzaDatabase db, Variant variant) throws SQLException {
    if (variant == Variant.WRITER) {
      return;
    }
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP INDEX commits_by_time");
      if (variant != Variant.NO_KEY) {
        return;
      }
      if (db.dialect() == SqlDialect.POSTGRESQL) {
        List<String> keys = new ArrayList<>();
        try (ResultSet rs =
            s.executeQuery(
                "SELECT conname FROM pg_constraint WHERE conrelid = 'commits'::regclass"
                    + " AND contype IN ('p', 'u')")) {
          while (rs.next()) {
            keys.add(rs.getString(1));
          }
        }
        for (String key : keys) {
          s.execute("ALTER TABLE commits DROP CONSTRAINT " + key);
        }
        return;
      }
      // SQLite cannot drop a table's UNIQUE constraint: the empty table is made again without it.
      String ddl;
      try (ResultSet rs =
          s.executeQuery(
              "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'commits'")) {
        rs.next();
        ddl = rs.getString(1);
      }
      String unkeyed = ddl.replaceAll(",\\s*UNIQUE\\s*\\(\\s*repo_id\\s*,\\s*commit_id\\s*\\)", "");
      if (unkeyed.equals(ddl)) {
        throw new SQLException("no UNIQUE (repo_id, commit_id) in " + ddl);
      }
      s.execute("DROP TABLE commits");
      s.execute(unkeyed);
    }
  }
}
