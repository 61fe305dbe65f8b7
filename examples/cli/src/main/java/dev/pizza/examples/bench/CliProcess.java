package dev.pizza.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Row (b') of the benchmark: the CLI's {@code bake --jsonl} as a whole process, JVM start included,
 * with a new data directory, cache directory and home directory each run, so whatever a first run
 * pays (JGit's file-system probe writes to the home directory) is in it.
 */
final class CliProcess {
  private CliProcess() {}

  /**
   * Runs {@code java -Xmx<xmx> -jar <jar> bake --jsonl FILE <repo>}; returns its wall time in
   * seconds, or -1 (after printing why) when it failed.
   */
  static double bakeJsonl(Path java, String jar, String xmx, Path repo)
      throws IOException, InterruptedException {
    Path tmp = Files.createTempDirectory("pizza-bench-cli");
    try {
      Path home = Files.createDirectories(tmp.resolve("home"));
      List<String> command =
          List.of(
              java.toString(),
              "-Xmx" + xmx,
              // Java takes its home directory from the password database, not from HOME.
              "-Duser.home=" + home,
              "-jar",
              jar,
              "bake",
              "--data-dir",
              tmp.resolve("data").toString(),
              "--cache-dir",
              tmp.resolve("cache").toString(),
              "--jsonl",
              tmp.resolve("out.jsonl").toString(),
              repo.toString());
      MeasuredProcess.Result r =
          MeasuredProcess.run(command, null, false, Map.of("HOME", home.toString()));
      if (r.exitCode() != 0) {
        System.out.println("(b') failed with exit " + r.exitCode() + ": " + r.stderr().strip());
        return -1;
      }
      return r.wallNanos() / 1e9;
    } finally {
      try (Stream<Path> s = Files.walk(tmp)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
