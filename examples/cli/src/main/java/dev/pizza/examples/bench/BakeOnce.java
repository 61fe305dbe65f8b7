package dev.pizza.examples.bench;

import dev.pizza.BakeResult;
import dev.pizza.CommitSink;
import dev.pizza.PizzaOven;
import dev.pizza.examples.cli.SystemGitConfig;
import dev.pizza.jdbc.PizzaDatabase;
import dev.pizza.jgit.JGitBackend;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

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
 * <p>It prints one line of {@code key=value} pairs: {@code commits}, {@code checksum} (see {@link
 * IdChecksum}), {@code peakHeap} and {@code maxHeapAfterGc} in bytes (see {@link HeapWatch}),
 * {@code gcCount}, {@code gcMillis} (all four taken when the bake ends), {@code bakeMillis} (the
 * bake alone, without JVM start) and {@code openMillis}. Exits with status 1 and a stack trace when
 * the bake fails, including on {@link OutOfMemoryError}.
 */
public final class BakeOnce {
  private static final String USAGE =
      "usage: BakeOnce <repository directory> [--no-checkpoints] [--db JDBC_URL]";

  private BakeOnce() {}

  /** Bakes {@code args[0]} and prints what it measured. */
  public static void main(String[] args) throws Exception {
    SystemGitConfig.install();
    if (args.length < 1) {
      usage();
    }
    boolean checkpoints = true;
    @Nullable String jdbcUrl = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--no-checkpoints")) {
        checkpoints = false;
      } else if (args[i].equals("--db") && i + 1 < args.length) {
        jdbcUrl = args[++i];
      } else {
        usage();
      }
    }
    HeapWatch heap = new HeapWatch();
    String repository = Path.of(args[0]).toAbsolutePath().toString();
    PizzaOven.Builder builder =
        PizzaOven.builder().backend(JGitBackend.builder().build()).allowLocalRepositories(true);
    if (!checkpoints) {
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
    long start = System.nanoTime();
    BakeResult result;
    try (PizzaOven oven = builder.build()) {
      result = oven.bake(repository, sink);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
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
            + " openMillis="
            + openMillis);
  }

  private static void usage() {
    System.err.println(USAGE);
    System.exit(2);
  }
}
