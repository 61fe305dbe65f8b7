package dev.pizza.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A full bake of a 200k-commit repository fits in a 64 MB heap and delivers exactly the commits
 * {@code git rev-list --branches --tags} lists.
 *
 * <p>The bake runs in a forked JVM ({@code java -Xmx64m -cp <test class path> BakeOnce <repo>})
 * started with a ProcessBuilder rather than a Surefire execution of its own: the heap limit then
 * applies to the bake alone, not to JUnit and the test, and the test reads the child's exit status
 * and output directly. The class path is Surefire's {@code surefire.test.class.path} when set, else
 * {@code java.class.path} (Surefire's manifest-only booter jar, whose manifest lists the same
 * entries). The repository (seed 7) is generated once under {@code target/bench-repos} and reused
 * by later runs. No timing is asserted. Skipped only when {@code git} is not installed.
 */
class BoundedMemoryBakeTest {
  private static final int COMMITS = 200_000;
  private static final long SEED = 7;
  private static final String HEAP = "-Xmx64m";

  @Test
  void fullBake_of200kCommits_fitsIn64MbAndMatchesGitRevList() throws Exception {
    assumeTrue(GitCommand.available(), "git is not installed");
    SyntheticRepository repo = SyntheticRepository.obtain(reposRoot(), COMMITS, SEED);
    IdChecksum expected =
        IdChecksum.ofLines(GitCommand.run(repo.directory(), "rev-list", "--branches", "--tags"));
    assertThat(expected.count())
        .as("commits git rev-list --branches --tags finds in the generated repository")
        .isEqualTo(COMMITS);

    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            HEAP,
            "-cp",
            testClassPath(),
            BakeOnce.class.getName(),
            repo.directory().toString());
    MeasuredProcess.Result run = MeasuredProcess.run(command, null, true);

    assertThat(run.exitCode())
        .as("exit status of BakeOnce under %s (stderr below)%n%s", HEAP, run.stderr())
        .isZero();
    Map<String, String> out = Benchmark.keyValues(run.stdout());
    assertThat(out.get("commits"))
        .as("commits delivered, against git rev-list; BakeOnce said: %s", run.stdout())
        .isEqualTo(Long.toString(expected.count()));
    assertThat(out.get("checksum"))
        .as("XOR of the delivered ids' first 64 bits, against git rev-list's")
        .isEqualTo(expected.hex());
  }

  private static Path reposRoot() {
    return Path.of(System.getProperty("basedir", "."), "target", "bench-repos");
  }

  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }
}
