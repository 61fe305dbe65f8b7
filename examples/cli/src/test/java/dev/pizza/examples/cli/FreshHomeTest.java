package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bake in a new home directory (a CI container, a fresh pod) whose data and cache directories are
 * elsewhere: JGit must neither measure the file system (probe files written into the repository,
 * seconds of spinning) nor save what it measured under {@code $HOME}.
 */
class FreshHomeTest {
  @TempDir Path tmp;

  @Test
  void bake_inANewHome_writesNothingUnderHome_andProbesNoFileSystem() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(3, "alice@example.com");
    }
    Path home = Files.createDirectories(tmp.resolve("home"));
    Map<String, FileTime> before = directoryTimes(dir);

    ChildPizza.Result run =
        ChildPizza.start(
                tmp.resolve("logs"),
                Map.of(
                    "HOME",
                    home.toString(),
                    "XDG_CONFIG_HOME",
                    "",
                    // JGit logs each measurement it starts at DEBUG.
                    "JAVA_TOOL_OPTIONS",
                    "-Dorg.slf4j.simpleLogger.log.org.eclipse.jgit.util.FS=debug"),
                "bake",
                "--data-dir",
                tmp.resolve("data").toString(),
                "--cache-dir",
                tmp.resolve("cache").toString(),
                dir.toString(),
                dir.toString())
            .await(Duration.ofMinutes(2));

    assertThat(run.code()).as("stderr: %s", run.err()).isZero();
    assertThat(run.err()).doesNotContain("measure timestamp resolution");
    try (Stream<Path> under = Files.list(home)) {
      assertThat(under).as("written under HOME").isEmpty();
    }
    // A probe file, even one deleted at once, changes its directory's modification time.
    assertThat(directoryTimes(dir)).isEqualTo(before);
  }

  private static Map<String, FileTime> directoryTimes(Path root) throws IOException {
    Map<String, FileTime> times = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isDirectory)::iterator) {
        times.put(root.relativize(p).toString(), Files.getLastModifiedTime(p));
      }
    }
    return times;
  }
}
