package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.Checkpoint;
import dev.pizza.examples.bench.CommitOnlyHistory;
import dev.pizza.jdbc.CommitQueries;
import dev.pizza.jdbc.SqlDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A {@code pizza bake} killed (SIGKILL) after it saved an intermediate checkpoint is resumed by the
 * next {@code pizza bake}, whose summary says how many of the new commits the killed one had
 * delivered: "resumed: N of M already delivered", N being the stored checkpoint's count and M every
 * commit of the repository. The repository (40,000 commits) is written by {@code git fast-import};
 * the child is killed once the database holds an intermediate checkpoint with most of the history
 * still to deliver, so the kill always lands before the bake ends. No timing is asserted.
 */
class ResumedBakeSummaryTest {
  private static final int COMMITS = 40_000;

  @TempDir Path tmp;
  private String key = "";

  @Test
  void bakeResumedAfterAKill_summarySaysHowManyWereAlreadyDelivered() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("big.git"));
    Process init = new ProcessBuilder("git", "init", "--bare", "--quiet", repo.toString()).start();
    assertThat(init.waitFor(1, TimeUnit.MINUTES) && init.exitValue() == 0).isTrue();
    try (CommitOnlyHistory h = CommitOnlyHistory.into(repo)) {
      h.mainLine("refs/heads/main", null, COMMITS);
    }
    Path data = tmp.resolve("data");
    key = RepositoryArgument.parse(repo.toString()).id().key();
    String[] bake = {
      "bake",
      "--data-dir",
      data.toString(),
      "--cache-dir",
      tmp.resolve("cache").toString(),
      "--checkpoint-every",
      "10000",
      repo.toString()
    };

    ChildPizza child = ChildPizza.start(tmp.resolve("logs"), Map.of(), bake);
    Checkpoint atKill;
    try {
      atKill = awaitIntermediateCheckpoint(data, child);
    } finally {
      child.kill();
    }
    Checkpoint stored = storedCheckpoint(data);
    assertThat(stored.isComplete())
        .as("the checkpoint the killed bake left (seen before the kill: %s)", atKill.delivered())
        .isFalse();

    PizzaCliTest.Run run = PizzaCliTest.pizza(bake);
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            " " + (COMMITS - stored.delivered()) + " new, " + COMMITS + " total",
            ", resumed: " + stored.delivered() + " of " + COMMITS + " already delivered");
    assertThat(storedCheckpoint(data).isComplete()).isTrue();

    PizzaCliTest.Run again = PizzaCliTest.pizza(bake);
    assertThat(again.out()).contains(": 0 new, ").doesNotContain("resumed");
  }

  /**
   * Polls the database until the bake saved an intermediate checkpoint with at least half the
   * history still to deliver; fails if the child ends first.
   */
  private Checkpoint awaitIntermediateCheckpoint(Path data, ChildPizza child) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      Checkpoint c = null;
      try {
        c = Files.exists(data.resolve(DatabaseOptions.FILE_NAME)) ? storedCheckpoint(data) : null;
      } catch (Exception e) {
        // The child is creating the schema or holds a write lock: look again.
      }
      if (c != null) {
        if (!c.isComplete() && c.delivered() > 0 && c.delivered() <= COMMITS / 2) {
          return c;
        }
        assertThat(c.isComplete() && !c.tips().isEmpty())
            .as("the bake ended before it was killed; stderr: %s", child.errSoFar())
            .isFalse();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no intermediate checkpoint within 3 minutes: " + child.errSoFar());
  }

  /**
   * Reads the stored checkpoint through a read-only connection of its own: opening the database as
   * pizza does would run its migrations, which wait for the baking child's write transaction.
   */
  private Checkpoint storedCheckpoint(Path data) throws Exception {
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + data.resolve(DatabaseOptions.FILE_NAME));
    source.setReadOnly(true);
    return CommitQueries.of(source, SqlDialect.SQLITE).checkpoint(key);
  }
}
