package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's directory for SQLite's native library: filled by the first run, used after. */
class SqliteNativeLibraryTest {
  @TempDir Path tmp;

  @Test
  void bakes_withTheLaunchersDirectory_copyTheLibraryOnce_andStillWork() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(2, "alice@example.com");
    }
    Path natives = tmp.resolve("native");
    Map<String, String> env =
        Map.of("JAVA_TOOL_OPTIONS", "-D" + SqliteNativeLibrary.DIRECTORY + "=" + natives);

    ChildPizza.Result first = ChildPizza.bake(tmp, env, dir, "first");
    assertThat(first.code()).as("stderr: %s", first.err()).isZero();
    assertThat(first.out()).contains(": 2 new, 2 total");
    Path library;
    try (Stream<Path> files = Files.list(natives)) {
      library = files.findFirst().orElseThrow();
    }
    assertThat(library.getFileName().toString()).contains("sqlitejdbc");
    long size = Files.size(library);
    assertThat(size).isPositive();

    ChildPizza.Result second = ChildPizza.bake(tmp, env, dir, "second");
    assertThat(second.code()).as("stderr: %s", second.err()).isZero();
    try (Stream<Path> files = Files.list(natives)) {
      assertThat(files).containsExactly(library); // no partial copies left beside it
    }
  }
}
