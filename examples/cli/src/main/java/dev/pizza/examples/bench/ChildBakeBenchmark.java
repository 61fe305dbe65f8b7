package dev.pizza.examples.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the benchmarks that bake synthetic repositories in child JVMs ({@link Benchmark}, {@link
 * SinkBenchmark}) share: their common picocli options, which each command inherits, and the java
 * executable and class path of the {@link BakeOnce} processes they start.
 */
abstract class ChildBakeBenchmark {
  /** The java executable of this JVM, which the child processes run on. */
  final Path java = Path.of(System.getProperty("java.home"), "bin", "java");

  /** The class path of the child processes: pizza.jar when this runs from it, else this JVM's. */
  final String classpath;

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = "--commits",
      paramLabel = "N",
      split = ",",
      converter = CommitCount.class,
      description =
          "sizes of the synthetic repositories, in commits, comma-separated, `_` allowed"
              + " (default 100000)")
  List<Integer> sizes = new ArrayList<>(List.of(100_000));

  @Option(
      names = "--runs",
      paramLabel = "N",
      defaultValue = "3",
      description = "measured runs of each row, at least 1 (default ${DEFAULT-VALUE})")
  int runs = 3;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "seed of the synthetic histories (default ${DEFAULT-VALUE})")
  long seed = 42;

  @Option(
      names = "--bake-xmx",
      paramLabel = "SIZE",
      defaultValue = "256m",
      description = "-Xmx of each child bake process (default ${DEFAULT-VALUE})")
  String bakeXmx = "256m";

  @Option(
      names = "--repos",
      paramLabel = "DIR",
      description =
          "where synthetic repositories are generated once and reused"
              + " (default ${DEFAULT-VALUE})")
  Path repos = defaultRepos();

  @Option(
      names = "--repack-window",
      paramLabel = "N",
      defaultValue = "250",
      description =
          "git repack --window of a newly generated repository; 0 keeps fast-import's pack,"
              + " without deltas (default ${DEFAULT-VALUE})")
  int repackWindow = 250;

  ChildBakeBenchmark() {
    Path codeSource = codeSource();
    classpath =
        Files.isRegularFile(codeSource)
            ? codeSource.toString()
            : System.getProperty("java.class.path");
  }

  /**
   * Checks the options shared by all benchmarks; throws a usage error (exit status 2) naming the
   * first wrong one.
   */
  void checkOptions() {
    if (runs < 1) {
      throw usageError("--runs must be >= 1");
    }
  }

  /** A usage error with {@code message}: picocli prints it with the usage and exits with 2. */
  CommandLine.ParameterException usageError(String message) {
    return new CommandLine.ParameterException(Objects.requireNonNull(spec).commandLine(), message);
  }

  /** The default of {@code --repos}: {@code bench-repos} in the directory of pizza.jar (target). */
  static Path defaultRepos() {
    Path parent = codeSource().toAbsolutePath().getParent();
    return (parent == null ? Path.of("target") : parent).resolve("bench-repos");
  }

  /** Where this program's classes come from: pizza.jar, or a classes directory. */
  private static Path codeSource() {
    try {
      return Path.of(
          ChildBakeBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the location of the benchmark's classes", e);
    }
  }

  /** Reads a count of commits: a whole number of 0 or more, {@code _} allowed as in 1_000_000. */
  static final class CommitCount implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int n = Integer.parseInt(value.strip().replace("_", ""));
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a count of commits (0 or more)");
    }
  }
}
