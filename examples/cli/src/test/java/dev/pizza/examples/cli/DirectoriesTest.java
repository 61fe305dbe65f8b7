package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
  @TempDir Path tmp;

  @Test
  void of_homeOnly_usesTheXdgDefaultsUnderHome() {
    Directories d = Directories.of(Map.of("HOME", "/home/other"), "/home/account");

    assertThat(d.data()).isEqualTo(Path.of("/home/other/.local/share/pizza"));
    assertThat(d.cache()).isEqualTo(Path.of("/home/other/.cache/pizza"));
  }

  @Test
  void of_xdgVariables_win() {
    Directories d =
        Directories.of(
            Map.of("HOME", "/h", "XDG_DATA_HOME", "/xdg/data", "XDG_CACHE_HOME", "/xdg/cache"),
            "/home/account");

    assertThat(d.data()).isEqualTo(Path.of("/xdg/data/pizza"));
    assertThat(d.cache()).isEqualTo(Path.of("/xdg/cache/pizza"));
  }

  @Test
  void of_relativeOrEmptyXdgVariables_areIgnored_andNoHomeFallsBackToUserHome() {
    Directories d =
        Directories.of(Map.of("XDG_DATA_HOME", "relative", "XDG_CACHE_HOME", ""), "/home/account");

    assertThat(d.data()).isEqualTo(Path.of("/home/account/.local/share/pizza"));
    assertThat(d.cache()).isEqualTo(Path.of("/home/account/.cache/pizza"));
  }

  @Test
  void bake_withAnotherHome_writesUnderThatHome_notTheAccounts() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(2, "alice@example.com");
    }
    Path home = Files.createDirectories(tmp.resolve("home"));

    ChildPizza.Result run =
        ChildPizza.start(
                tmp.resolve("logs"),
                Map.of("HOME", home.toString(), "XDG_DATA_HOME", "", "XDG_CACHE_HOME", ""),
                "bake",
                dir.toString())
            .await(Duration.ofMinutes(2));

    assertThat(run.code()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).contains(": 2 new, 2 total");
    assertThat(home.resolve(".local/share/pizza")).isDirectory();
    assertThat(home.resolve(".cache/pizza")).isDirectory();
  }

  @Test
  void bake_withXdgDirectories_writesThere() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(1, "alice@example.com");
    }
    Path home = Files.createDirectories(tmp.resolve("home"));

    ChildPizza.Result run =
        ChildPizza.start(
                tmp.resolve("logs"),
                Map.of(
                    "HOME",
                    home.toString(),
                    "XDG_DATA_HOME",
                    tmp.resolve("xdg-data").toString(),
                    "XDG_CACHE_HOME",
                    tmp.resolve("xdg-cache").toString()),
                "bake",
                dir.toString())
            .await(Duration.ofMinutes(2));

    assertThat(run.code()).as("stderr: %s", run.err()).isZero();
    assertThat(tmp.resolve("xdg-data/pizza")).isDirectory();
    assertThat(tmp.resolve("xdg-cache/pizza")).isDirectory();
    assertThat(home.resolve(".local")).doesNotExist();
    assertThat(home.resolve(".cache")).doesNotExist();
  }
}
