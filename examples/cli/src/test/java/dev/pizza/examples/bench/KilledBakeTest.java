package dev.pizza.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Kills bakes of a 100k-commit repository at random points, with SIGKILL, and resumes them: the
 * sink's set ends equal to {@code git rev-list --branches --tags}, and what the kills made the sink
 * receive twice adds up to at most one batch per kill.
 *
 * <p>Each bake runs in a child JVM ({@link ResumableBakeChild}) that saves a checkpoint after every
 * batch into a {@link LogSink}. A kill comes either after a random number of the child's saves plus
 * a few random milliseconds (so it lands anywhere in a batch: while walking, in {@code accept} or
 * in the middle of a save) or, one time in five, at a random time after the start (starting up,
 * reading refs, retracting). A chain of bakes is killed up to six times and then left to finish;
 * between chains the repository gets thousands of new commits on {@code main}, and every other time
 * {@code dev} is force-pushed back and grown anew, so later bakes retract too. The repository is
 * generated once per run with {@code git fast-import} ({@link CommitOnlyHistory}). No timing is
 * asserted; the seed is in every failure message. Skipped only when {@code git} is not installed.
 */
class KilledBakeTest {
  private static final int BATCH = 500;
  private static final int MIN_KILLS = 20;

  @Test
  void killedBakes_endAtTheReachableSet_redeliveringAtMostOneBatchPerKill() throws Exception {
    assumeTrue(GitCommand.available(), "git is not installed");
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    Path root = Path.of(System.getProperty("basedir", "."), "target", "killed-bakes-" + seed);
    Path repo = root.resolve("repo.git");
    Path sink = root.resolve("state");
    try {
      GitCommand.run(Files.createDirectories(repo), "init", "--bare", "--quiet");
      try (CommitOnlyHistory h = CommitOnlyHistory.into(repo)) {
        String base = h.mainLine("refs/heads/main", null, 60_000);
        h.reset("refs/tags/v1", base);
        h.mainLine("refs/heads/dev", base, 3_000);
        String main = h.mainLine("refs/heads/main", base, 40_000);
        h.reset("refs/tags/v2", main);
      }
      assertThat(count(repo)).as("generated commits").isGreaterThanOrEqualTo(100_000);

      int kills = 0;
      int rounds = 0;
      int expectedSaves = 100_000 / BATCH;
      StringBuilder story = new StringBuilder("seed " + seed + "\n");
      while (true) {
        int chainKills = 0;
        while (true) {
          Outcome o = bakeOnce(repo, sink, rnd, chainKills < 6 ? expectedSaves : -1);
          story.append(o).append('\n');
          if (!o.killed()) {
            break;
          }
          kills++;
          chainKills++;
          expectedSaves = Math.max(1, expectedSaves - o.saves());
        }
        if (kills >= MIN_KILLS && rounds >= 3) {
          break;
        }
        assertThat(rounds)
            .as("rounds needed to kill %d times%n%s", MIN_KILLS, story)
            .isLessThan(40);
        rounds++;
        int fresh = 2_000 + rnd.nextInt(10_000);
        try (CommitOnlyHistory h = CommitOnlyHistory.into(repo)) {
          h.mainLine("refs/heads/main", rev(repo, "refs/heads/main"), fresh);
          if (rounds % 2 == 0) {
            String back = rev(repo, "refs/heads/dev~" + (100 + rnd.nextInt(1_500)));
            h.reset("refs/heads/dev", back);
            h.mainLine("refs/heads/dev", back, 200 + rnd.nextInt(1_000));
            fresh += 1_200;
          }
        }
        story.append("round ").append(rounds).append(": about ").append(fresh).append(" new\n");
        expectedSaves = fresh / BATCH + 1;
      }

      Set<String> reachable =
          new TreeSet<>(
              List.of(GitCommand.run(repo, "rev-list", "--branches", "--tags").split("\n")));
      Set<String> held = new TreeSet<>(LogSink.holds(sink.resolve("sink")));
      assertThat(held.size())
          .as("sink's size against git rev-list%n%s", story)
          .isEqualTo(reachable.size());
      assertThat(held).as("sink's set against git rev-list (seed %d)", seed).isEqualTo(reachable);
      long twice = LogSink.receivedTwice(sink.resolve("sink"));
      assertThat(twice)
          .as("commits received twice over %d kills of batches of %d%n%s", kills, BATCH, story)
          .isLessThanOrEqualTo((long) kills * BATCH);
      System.out.printf(
          "KilledBakeTest: %d kills in %d rounds, %d commits received twice, %d reachable%n%s",
          kills, rounds, twice, reachable.size(), story);
    } finally {
      deleteTree(root);
    }
  }

  /** What one child did: killed or finished, and how many checkpoints it saved. */
  private record Outcome(boolean killed, int saves, String how) {
    @Override
    public String toString() {
      return (killed ? "killed after " : "finished after ") + saves + " saves: " + how;
    }
  }

  /**
   * Runs one bake; kills it at a random point unless {@code expectedSaves} is negative (then it is
   * left to finish).
   */
  private static Outcome bakeOnce(Path repo, Path sink, Random rnd, int expectedSaves)
      throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            testClassPath(),
            ResumableBakeChild.class.getName(),
            repo.toString(),
            sink.toString(),
            Integer.toString(BATCH));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                  lines.add(l);
                }
              } catch (IOException e) {
                // The child was killed: its output ends here.
              } finally {
                lines.add("<eof>");
              }
            });
    reader.start();
    boolean byTime = expectedSaves >= 0 && rnd.nextInt(5) == 0;
    long killAtMillis = byTime ? rnd.nextInt(1_500) : -1;
    int killAfterSaves = expectedSaves >= 0 && !byTime ? 1 + rnd.nextInt(expectedSaves) : -1;
    long start = System.nanoTime();
    int saves = 0;
    String done = "";
    boolean killed = false;
    while (true) {
      long wait =
          byTime
              ? Math.max(0, killAtMillis - (System.nanoTime() - start) / 1_000_000)
              : TimeUnit.MINUTES.toMillis(2);
      String line = lines.poll(wait, TimeUnit.MILLISECONDS);
      if (line == null) {
        if (byTime) {
          killed = kill(p);
          break;
        }
        throw new AssertionError("the child said nothing for 2 minutes");
      }
      if (line.equals("<eof>")) {
        break;
      }
      if (line.startsWith("saved ")) {
        saves++;
        if (saves == killAfterSaves) {
          Thread.sleep(rnd.nextInt(30));
          killed = kill(p);
          break;
        }
      } else if (line.startsWith("done ")) {
        done = line;
      }
    }
    reader.join();
    String how =
        byTime
            ? "at " + killAtMillis + " ms"
            : killAfterSaves >= 0 ? "at save " + killAfterSaves : "";
    if (!killed) {
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as("exit status of a bake not killed (%s)", how).isZero();
      how = done;
    }
    return new Outcome(killed, saves, how);
  }

  /** Kills {@code p} with SIGKILL; returns whether it was still running. */
  private static boolean kill(Process p) throws InterruptedException {
    boolean alive = p.isAlive();
    p.destroyForcibly();
    p.waitFor();
    return alive && p.exitValue() != 0;
  }

  private static int count(Path repo) throws Exception {
    return Integer.parseInt(
        GitCommand.run(repo, "rev-list", "--count", "--branches", "--tags").strip());
  }

  private static String rev(Path repo, String what) throws Exception {
    return GitCommand.run(repo, "rev-parse", what).strip();
  }

  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
