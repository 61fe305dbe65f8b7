package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.BakeResult;
import dev.pizza.CommitRecord;
import dev.pizza.PizzaOven;
import dev.pizza.errors.PizzaException;
import dev.pizza.testing.FailingCommitSink;
import dev.pizza.testing.InMemoryCommitSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line statistics are computed ahead on worker threads, in runs of consecutive commits: the bake
 * still delivers the commits in the order a bake without statistics delivers them, each with its
 * own changes ({@code git log --numstat --minimal}), on a history longer than several runs; and a
 * worker's failure to read an object fails the bake with it.
 */
class LineStatsOrderTest {
  private static final int COMMITS = 230;

  @TempDir Path tmp;

  @Test
  void manyCommits_keepTheWalksOrder_andEachItsOwnCounts() throws Exception {
    NativeGit.assumeInstalled("to write the history and to count its lines");
    Path repo = history(tmp, COMMITS);

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

  @Test
  void resumedBake_skipsWhatWasDelivered_andCountsTheRestAsGit() throws Exception {
    NativeGit.assumeInstalled("to write the history and to count its lines");
    Path repo = history(tmp, COMMITS);
    InMemoryCommitSink store = new InMemoryCommitSink();
    FailingCommitSink failing = new FailingCommitSink(store);
    // Batches of 20, a checkpoint every 40 commits: accept, accept, save, ... The 8th call (an
    // accept after two intermediate checkpoints) fails, with diffs already queued ahead.
    failing.failAt(8);
    BakeResult resumed;
    try (PizzaOven oven =
        PizzaOven.builder()
            .allowLocalRepositories(true)
            .backend(JGitBackend.builder().lineStats(true).build())
            .batchSize(20)
            .intermediateCheckpoints(40, Duration.ofDays(1))
            .build()) {
      assertThatThrownBy(() -> oven.bake(repo.toString(), failing))
          .isInstanceOf(PizzaException.class);
      resumed = oven.bake(repo.toString(), store);
    }

    assertThat(resumed.alreadyDelivered()).isEqualTo(80);
    assertThat(resumed.newCommits()).isEqualTo(COMMITS - 80);
    assertThat(store.redelivered()).isEmpty();
    Map<String, List<String>> git = GitNumstat.of(repo);
    assertThat(store.records(resumed.repository())).hasSize(COMMITS);
    for (CommitRecord r : store.records(resumed.repository()).values()) {
      assertThat(GitNumstat.lines(r)).as("commit %s", r.subject()).isEqualTo(git.get(r.id().hex()));
    }
  }

  /** A bare repository of {@code commits} commits, each adding lines to one of 7 files. */
  private static Path history(Path tmp, int commits) throws Exception {
    Path repo = tmp.resolve("repo");
    NativeGit.run(GitNumstat.CLEAN_ENV, tmp, "init", "-q", "--bare", repo.toString());
    StringBuilder in = new StringBuilder();
    StringBuilder[] files = new StringBuilder[7];
    for (int i = 0; i < files.length; i++) {
      files[i] = new StringBuilder();
    }
    for (int c = 0; c < commits; c++) {
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

    return repo;
  }

  @Test
  void aWorkersReadFailure_failsTheBake_withTheMissingObject() throws Exception {
    NativeGit.assumeInstalled("to write the history");
    Path work = withLooseCommit(tmp);
    String blob = NativeGit.run(GitNumstat.CLEAN_ENV, work, "rev-parse", "HEAD:lost.txt").trim();
    deleteLoose(work, blob);

    assertThatThrownBy(() -> bake(work, true))
        .isInstanceOf(PizzaException.class)
        .hasStackTraceContaining("missing blob " + blob);
  }

  /** The trees are read on a worker of their own, ahead of the blobs: its failure fails too. */
  @Test
  void theTreeWorkersReadFailure_failsTheBake_withTheMissingTree() throws Exception {
    NativeGit.assumeInstalled("to write the history");
    Path work = withLooseCommit(tmp);
    String tree = NativeGit.run(GitNumstat.CLEAN_ENV, work, "rev-parse", "HEAD^{tree}").trim();
    deleteLoose(work, tree);

    assertThatThrownBy(() -> bake(work, true))
        .isInstanceOf(PizzaException.class)
        .hasStackTraceContaining("missing tree " + tree);
  }

  /**
   * A clone of a history of a few runs, with one more commit (adding {@code lost.txt}) as loose
   * objects.
   */
  private static Path withLooseCommit(Path tmp) throws Exception {
    Path repo = history(tmp, 2 * 32 + 10);
    Path work = tmp.resolve("work");
    NativeGit.run(GitNumstat.CLEAN_ENV, tmp, "clone", "-q", repo.toString(), work.toString());
    Files.writeString(work.resolve("lost.txt"), "a blob that will be missing\n");
    NativeGit.run(GitNumstat.CLEAN_ENV, work, "add", "lost.txt");
    NativeGit.run(
        GitNumstat.CLEAN_ENV,
        work,
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@x",
        "commit",
        "-q",
        "-m",
        "lost");
    return work;
  }

  private static void deleteLoose(Path work, String id) throws Exception {
    Files.delete(work.resolve(".git/objects").resolve(id.substring(0, 2)).resolve(id.substring(2)));
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
