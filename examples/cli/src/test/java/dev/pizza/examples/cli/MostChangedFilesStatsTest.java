package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pizza stats} after {@code bake --line-stats} of a repository native git wrote lists the
 * most changed files, with the commits and lines {@code git log --numstat} gives.
 */
class MostChangedFilesStatsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static void git(Path dir, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "git",
                "-C",
                dir.toString(),
                "-c",
                "user.name=Ann",
                "-c",
                "user.email=ann@example.com",
                "-c",
                "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
  }

  private static void commit(Path dir, String message) throws Exception {
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", message);
  }

  @Test
  void statsJson_afterBakeWithLineStats_listsTheMostChangedFiles() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("repo"));
    git(dir, "init", "-q");
    Files.writeString(dir.resolve("a.txt"), "1\n2\n");
    Files.writeString(dir.resolve("b.txt"), "x\n");
    commit(dir, "add a and b");
    Files.writeString(dir.resolve("a.txt"), "1\nTWO\n3\n");
    commit(dir, "edit a");
    Files.writeString(dir.resolve("a.txt"), "1\nTWO\n");
    Files.delete(dir.resolve("b.txt"));
    commit(dir, "trim a, drop b");
    String data = tmp.resolve("data").toString();
    PizzaCliTest.Run bake =
        PizzaCliTest.pizza(
            "bake",
            "--data-dir",
            data,
            "--cache-dir",
            tmp.resolve("cache").toString(),
            "--line-stats",
            dir.toString());
    assertThat(bake.code()).as("stderr: %s", bake.err()).isZero();

    PizzaCliTest.Run json =
        PizzaCliTest.pizza("stats", "--data-dir", data, "--json", dir.toString());
    PizzaCliTest.Run text = PizzaCliTest.pizza("stats", "--data-dir", data, dir.toString());

    assertThat(json.code()).as("stderr: %s", json.err()).isZero();
    JsonNode files = JSON.readTree(json.out()).get("mostChangedFiles");
    // git log --numstat: a.txt +2 -0, +2 -1, +0 -1; b.txt +1 -0, +0 -1.
    assertThat(files)
        .isEqualTo(
            JSON.readTree(
                "[{\"path\":\"a.txt\",\"commits\":3,\"added\":4,\"removed\":2},"
                    + "{\"path\":\"b.txt\",\"commits\":2,\"added\":1,\"removed\":1}]"));
    assertThat(text.code()).as("stderr: %s", text.err()).isZero();
    assertThat(text.out())
        .contains("most changed files")
        .contains("       3 a.txt  (+4 -2)\n")
        .contains("       2 b.txt  (+1 -1)\n");
  }
}
