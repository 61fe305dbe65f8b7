package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.BakeResult;
import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.PizzaOven;
import dev.pizza.jgit.JGitBackend;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A child JVM baking into a real database, with an intermediate checkpoint after every batch, is
 * killed ({@code destroyForcibly}, like {@code kill -9}) at random moments; each time the database
 * holds exactly what its stored checkpoint describes (the old tips, the old tips' commits that stay
 * plus as many of the range being delivered as the checkpoint counts, or the new tips), the next
 * bake delivers only what is missing (resuming, with the killed bake's count, from an intermediate
 * checkpoint), the records both bakes delivered are at most one batch (those the database accepted
 * after its last committed checkpoint), and in the end the stored set is the reachable set with no
 * duplicate.
 *
 * <p>The repository holds two lines of 1,500 commits from one root; each round flips {@code main}
 * from one to the other, so a bake retracts 1,500 commits and stores 1,500. The child runs with the
 * test class path (Surefire's {@code surefire.test.class.path}, else {@code java.class.path}). No
 * timing is asserted: the kill delays are drawn within the duration of a first, completed bake.
 */
class KilledBakeTest {
  private static final int LINE = 1_500;
  private static final int KILLS = 20;
  private static final long T0 = 1_700_000_000L;

  @TempDir Path tmp;

  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  /** Writes the root and the two lines with git fast-import; returns their tips (a, b). */
  private static String[] twoLines(GitRepo repo) throws Exception {
    StringBuilder in = new StringBuilder();
    int mark = 1;
    commit(in, "refs/keep/a", mark, 0, "root", 0);
    for (String line : List.of("a", "b")) {
      int from = 1;
      for (int i = 0; i < LINE; i++) {
        mark++;
        String message = "line " + line + " commit " + i;
        if (i % 10 == 0) {
          message += "\n\nCo-authored-by: Pair " + (i % 7) + " <pair" + (i % 7) + "@example.com>";
        }
        commit(in, "refs/keep/" + line, mark, from, message, i + (line.equals("b") ? 7 : 0));
        from = mark;
      }
    }
    repo.git(in.toString(), "fast-import", "--quiet");
    return new String[] {
      repo.git(null, "rev-parse", "refs/keep/a").strip(),
      repo.git(null, "rev-parse", "refs/keep/b").strip()
    };
  }

  private static void commit(StringBuilder in, String ref, int mark, int from, String msg, int n) {
    String who = "Dev " + (n % 17) + " <dev" + (n % 17) + "@example.com> " + (T0 + n * 60L);
    byte[] data = (msg + "\n").getBytes(StandardCharsets.UTF_8);
    in.append("commit ").append(ref).append('\n');
    in.append("mark :").append(mark).append('\n');
    in.append("author ").append(who).append(" +0100\n");
    in.append("committer ").append(who).append(" +0000\n");
    in.append("data ").append(data.length).append('\n').append(msg).append("\n\n");
    if (from > 0) {
      in.append("from :").append(from).append('\n');
    }
  }

  /** Starts a child baking {@code repo}; returns it once its transaction has begun. */
  private Process child(String url, GitRepo repo, BlockingQueue<String> lines) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-cp",
            testClassPath(),
            KilledBakeChild.class.getName(),
            url,
            repo.url(),
            tmp.resolve("child-store").toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  lines.add(line);
                }
              } catch (Exception e) {
                // The child was killed while this read: the JDK's pipe stream, closed as the
                // process exits, can throw and drop lines the child wrote ("Stream closed").
                lines.add(LOST);
              }
              lines.add("EOF");
            });
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  private static String await(BlockingQueue<String> lines, String what, StringBuilder log)
      throws Exception {
    while (true) {
      String line = lines.poll(60, TimeUnit.SECONDS);
      assertThat(line).as("the child said nothing for a minute; so far:%n%s", log).isNotNull();
      log.append(line).append('\n');
      if (line.equals(what) || line.equals("EOF")) {
        return line;
      }
    }
  }

  private record State(Checkpoint checkpoint, Set<CommitId> commits) {}

  /**
   * What a killed child said it delivered: records the database accepted, and of those the ones
   * after its last committed checkpoint (which the next bake delivers again).
   */
  private record Delivered(long accepted, long sinceSave, boolean complete) {}

  /** Said by the reader when the child's output broke off: what it counted is a lower bound. */
  private static final String LOST = "LOST";

  /** Reads the child's lines up to the end of its output. */
  private static Delivered drain(BlockingQueue<String> lines, StringBuilder log) throws Exception {
    long accepted = 0;
    long sinceSave = 0;
    boolean complete = true;
    while (true) {
      String line = lines.poll(60, TimeUnit.SECONDS);
      assertThat(line).as("the killed child's output did not end; so far:%n%s", log).isNotNull();
      if (line.equals("EOF")) {
        return new Delivered(accepted, sinceSave, complete);
      }
      if (line.equals(LOST)) {
        complete = false;
      }
      if (line.startsWith("ACCEPT ")) {
        long n = Long.parseLong(line.substring(7));
        accepted += n;
        sinceSave += n;
      } else if (line.equals("SAVED")) {
        sinceSave = 0;
      }
    }
  }

  private static void assertDescribes(State state, GitRepo repo, String why) throws Exception {
    Checkpoint cp = state.checkpoint();
    Set<CommitId> fromTips = repo.reachableFrom(hexes(cp.tips()));
    if (cp.isComplete()) {
      assertThat(state.commits())
          .as("stored commits against the stored checkpoint; " + why)
          .isEqualTo(fromTips);
      return;
    }
    Set<CommitId> toTarget = repo.reachableFrom(hexes(cp.target()));
    Set<CommitId> both = new HashSet<>(fromTips);
    both.retainAll(toTarget);
    Set<CommitId> range = new HashSet<>(toTarget);
    range.removeAll(fromTips);
    Set<CommitId> extra = new HashSet<>(state.commits());
    extra.removeAll(both);
    assertThat(state.commits())
        .as("stored commits hold those of both tips and target; " + why)
        .containsAll(both);
    assertThat(range).as("stored beyond them: of the range; " + why).containsAll(extra);
    assertThat((long) extra.size())
        .as("stored commits of the range against the count; " + why)
        .isEqualTo(cp.delivered());
  }

  private static List<String> hexes(Map<String, CommitId> tips) {
    return tips.values().stream().map(CommitId::hex).distinct().toList();
  }

  /**
   * Waits until no other session of the database runs a statement or holds a transaction open: a
   * PostgreSQL server finishes a COMMIT the killed child sent just before it died (and reads one
   * still in its socket), and the state read before that commit landed would be stale; a session
   * whose client is gone rolls back and ends when it reads the end of its input. (A SQLite child
   * commits in its own process.)
   */
  private static void awaitServerDone(PizzaDatabase db) throws Exception {
    if (db.dialect() != SqlDialect.POSTGRESQL) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      while (true) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction', 'idle in transaction (aborted)')")) {
          rs.next();
          if (rs.getLong(1) == 0 || System.nanoTime() > deadline) {
            return;
          }
        }
        Thread.sleep(5);
      }
    }
  }

  private static State state(PizzaDatabase db, String key) throws Exception {
    List<CommitRecord> stored = db.queries().commits(key);
    Set<CommitId> ids = new HashSet<>();
    stored.forEach(r -> ids.add(r.id()));
    assertThat(ids).as("no commit stored twice").hasSize(stored.size());
    return new State(db.queries().checkpoint(key), ids);
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void childKilledMidBake_leavesOldOrNewState_nextBakeCompletes(SqlDialect dialect)
      throws Exception {
    GitRepo repo = GitRepo.init(tmp.resolve("big.git"));
    String[] tips = twoLines(repo);
    repo.branch("main", tips[0]);
    String url = Databases.freshUrl(dialect, tmp);
    long seed = System.nanoTime();
    Random random = new Random(seed);
    try (PizzaDatabase db = PizzaDatabase.open(url);
        PizzaOven oven =
            PizzaOven.builder()
                .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
                .allowLocalRepositories(true)
                .batchSize(100)
                .build()) {
      // A first bake in a child that is left to finish: how long a bake's transaction lasts.
      StringBuilder log = new StringBuilder();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Process first = child(url, repo, lines);
      assertThat(await(lines, "BEGIN", log)).as(log.toString()).isEqualTo("BEGIN");
      long began = System.nanoTime();
      assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
      // How long a child's bake lasts: measured on the first, shortened whenever a child finishes
      // before its kill (the first may have run while the machine was busier), so that the kills
      // keep landing inside bakes however the load changes during the test.
      long bakeMillis = Math.max(50, (System.nanoTime() - began) / 1_000_000);
      assertThat(first.exitValue()).as(log.toString()).isZero();
      String key = oven.bake(repo.url(), db.sink()).repository().key();
      assertThat(state(db, key).commits()).isEqualTo(repo.reachable()).hasSize(LINE + 1);

      int kills = 0;
      int killedMidTransaction = 0;
      long redelivered = 0;
      int unreported = 0;
      for (int round = 0; kills < KILLS && round < 3 * KILLS; round++) {
        String tip = tips[(round + 1) % 2];
        repo.branch("main", tip);
        Checkpoint next = new Checkpoint(Map.of("refs/heads/main", CommitId.of(tip)));
        State before = state(db, key);
        Set<CommitId> reachable = repo.reachable();

        log.setLength(0);
        lines.clear();
        Process p = child(url, repo, lines);
        assertThat(await(lines, "BEGIN", log))
            .as("the child began; it said:%n%s", log)
            .isEqualTo("BEGIN");
        Thread.sleep(random.nextInt((int) Math.min(bakeMillis + bakeMillis / 4, 10_000)));
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() != 0) {
          kills++;
        } else {
          bakeMillis = Math.max(50, bakeMillis * 3 / 4);
        }

        awaitServerDone(db);
        State after = state(db, key);
        String why = "seed " + seed + ", round " + round + ", child said:\n" + log;
        Delivered child = drain(lines, log);
        // Each batch commits with its checkpoint: the database holds exactly what its checkpoint
        // says (the old tips; an intermediate checkpoint's commits of both its tips and its target
        // plus its count of the range between them; or the new tips), whatever the kill hit.
        assertDescribes(after, repo, why);
        if (after.checkpoint().equals(before.checkpoint())) {
          killedMidTransaction += p.exitValue() != 0 ? 1 : 0;
        }
        Set<CommitId> missing = new HashSet<>(reachable);
        missing.removeAll(before.commits());

        BakeResult r = oven.bake(repo.url(), db.sink());
        assertThat(r.newCheckpoint()).as(why).isEqualTo(next);
        State done = state(db, key);
        assertThat(done.checkpoint()).as(why).isEqualTo(next);
        assertThat(done.commits()).as(why).isEqualTo(reachable);
        Set<CommitId> stillMissing = new HashSet<>(reachable);
        stillMissing.removeAll(after.commits());
        assertThat(r.newCommits())
            .as("the next bake delivers what is missing; " + why)
            .isEqualTo(stillMissing.size());
        if (!after.checkpoint().isComplete()) {
          assertThat(r.resumed()).as(why).isTrue();
          assertThat(r.alreadyDelivered()).as(why).isEqualTo(after.checkpoint().delivered());
        }
        if (!child.complete()) {
          // Its count of deliveries is incomplete; the state checks above still held.
          unreported++;
          continue;
        }
        long again = child.accepted() + r.newCommits() - missing.size();
        assertThat(again)
            .as("commits delivered twice (killed bake and the next) against one batch; " + why)
            .isBetween(0L, (long) KilledBakeChild.BATCH);
        assertThat(child.sinceSave()).as(why).isLessThanOrEqualTo(KilledBakeChild.BATCH);
        redelivered += again;
      }
      System.out.printf(
          "%s: %d kills, %d of them left the old state, %d commits delivered twice, %d children's"
              + " output broke off (seed %d, bake %d ms)%n",
          dialect, kills, killedMidTransaction, redelivered, unreported, seed, bakeMillis);
      assertThat(unreported)
          .as("rounds whose redelivery could be counted (seed %d)", seed)
          .isLessThan(kills);
      assertThat(kills)
          .as("children killed mid-bake (seed %d)", seed)
          .isGreaterThanOrEqualTo(KILLS);
      assertThat(state(db, key).commits()).isEqualTo(repo.reachable());
    }
  }
}
