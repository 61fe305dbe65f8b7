package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitRecord;
import dev.pizza.PizzaOven;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line statistics are computed ahead on worker threads, in runs of consecutive commits: the bake
 * still delivers the commits in the order a bake without statistics delivers them, each with its
 * own changes ({@code git log --numstat --minimal}), on a history longer than several runs.
 */
class LineStatsOrderTest {
  private static final int COMMITS = 230;

  @TempDir Path tmp;

  @Test
  void manyCommits_keepTheWalksOrder_andEachItsOwnCounts() throws Exception {
    NativeGit.assumeInstalled("to write the history and to count its lines");
    Path repo = tmp.resolve("repo");
    NativeGit.run(GitNumstat.CLEAN_ENV, tmp, "init", "-q", "--bare", repo.toString());
    StringBuilder in = new StringBuilder();
    StringBuilder[] files = new StringBuilder[7];
    for (int i = 0; i < files.length; i++) {
      files[i] = new StringBuilder();
    }
    for (int c = 0; c < COMMITS; c++) {
      in.append("commit refs/heads/main\n");
      in.append("committer T <t@x> ").append(1_600_000_000L + c * 60L).append(" +0000\n");
      in.append(data("commit " + c + "\n"));
      // Commit c adds c % 5 + 1 lines to file c % 7: each commit's counts are its own.
      StringBuilder f = files[c % files.length];
      for (int k = 0; k <= c % 5; k++) {
        f.append("commit ").append(c).append(" line ").append(k).append('\n');
      }
      in.append("M 100644 inline f").append(c % files.length).append(".txt\n");
      in.append(data(f.toString()));
    }
    Files.writeString(tmp.resolve("import"), in.toString());
    new ProcessBuilder("git", "--git-dir=" + repo, "fast-import", "--quiet")
        .redirectInput(tmp.resolve("import").toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor();

    List<CommitRecord> plain = bake(repo, false);
    List<CommitRecord> withStats = bake(repo, true);
    assertThat(withStats).hasSize(COMMITS);
    assertThat(withStats.stream().map(CommitRecord::id).toList())
        .isEqualTo(plain.stream().map(CommitRecord::id).toList());
    Map<String, List<String>> git = GitNumstat.of(repo);
    for (CommitRecord r : withStats) {
      assertThat(GitNumstat.lines(r)).as("commit %s", r.subject()).isEqualTo(git.get(r.id().hex()));
    }
  }

  private static String data(String s) {
    return "data " + s.getBytes(StandardCharsets.UTF_8).length + "\n" + s + "\n";
  }

  private static List<CommitRecord> bake(Path repo, boolean lineStats) throws Exception {
    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven =
        PizzaOven.builder()
            .allowLocalRepositories(true)
            .backend(JGitBackend.builder().lineStats(lineStats).build())
            .build()) {
      oven.bake(repo.toString(), sink);
    }
    return sink.delivered;
  }
}
