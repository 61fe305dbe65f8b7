package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.RepositoryId;
import dev.pizza.Signature;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's stats index through a bulk load: dropped while a large first bake loads, back (and read
 * by the stats queries) once the bake ends, is aborted, or the next bake after a crash ends.
 */
class DeferredStatsIndexTest {
  private static final int BATCH = 500;
  private static final int BULK = 2_000;
  private static final RepositoryId REPO =
      new RepositoryId("b".repeat(40), "https://example.com/org/bulk");

  @TempDir Path tmp;

  private static CommitRecord record(int n) {
    Signature s =
        new Signature(
            new Identity("P" + n % 7, "p" + n % 7 + "@example.com"),
            Instant.ofEpochSecond(1_700_000_000L + n),
            ZoneOffset.UTC);
    return CommitRecord.of(
        CommitId.of(String.format("%040x", n * 2_654_435_761L)),
        List.of(),
        s,
        s,
        "commit " + n + "\n");
  }

  /** Sends commits [from, to) in batches, as a bake would. */
  private static void accept(JdbcCommitSink sink, int from, int to) throws Exception {
    for (int b = from; b < to; b += BATCH) {
      List<CommitRecord> batch = new ArrayList<>();
      for (int n = b; n < Math.min(to, b + BATCH); n++) {
        batch.add(record(n));
      }
      sink.accept(REPO, batch);
    }
  }

  private static Checkpoint intermediate(int delivered) {
    return Checkpoint.intermediate(
        Map.of(), Map.of("refs/heads/main", record(0).id()), delivered, "dfs/1");
  }

  private static boolean indexed(PizzaDatabase db) throws Exception {
    try (Connection c = db.dataSource().getConnection()) {
      return DeferredStatsIndex.exists(c);
    }
  }

  private static String statsPlan(PizzaDatabase db) throws Exception {
    StringBuilder plan = new StringBuilder();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "EXPLAIN QUERY PLAN SELECT COUNT(*), SUM(is_merge), MIN(committer_time),"
                    + " MAX(committer_time) FROM commits WHERE repo_id = 1")) {
      while (rs.next()) {
        plan.append(rs.getString("detail")).append('\n');
      }
    }
    return plan.toString();
  }

  private static int size() {
    return BULK + 2 * BATCH;
  }

  /** The database's sink, with a writer that takes {@link #BULK} commits for a bulk load. */
  private static JdbcCommitSink bulkSink(PizzaDatabase db) {
    return JdbcCommitSink.of(db.dataSource(), SqlDialect.SQLITE, new SqliteCommitWriter(BULK));
  }

  @Test
  void firstBulkBake_dropsTheIndexWhileItLoads_andTheStatsReadItAgainAtTheEnd() throws Exception {
    try (PizzaDatabase db = Databases.open(SqlDialect.SQLITE, tmp)) {
      JdbcCommitSink sink = bulkSink(db);
      sink.begin(REPO, Checkpoint.empty());
      accept(sink, 0, size());
      sink.saveCheckpoint(REPO, intermediate(size()));
      assertThat(indexed(db)).as("after an intermediate checkpoint of a bulk load").isFalse();
      accept(sink, size(), size() + BATCH);
      sink.saveCheckpoint(REPO, new Checkpoint(Map.of("refs/heads/main", record(0).id())));

      assertThat(indexed(db)).isTrue();
      assertThat(statsPlan(db)).contains("COVERING INDEX " + DeferredStatsIndex.NAME);
      assertThat(db.queries().stats(REPO.key(), 3, Instant.now()).commits())
          .isEqualTo(size() + BATCH);
    }
  }

  @Test
  void bulkBakeAbortedAfterAnIntermediateCheckpoint_leavesTheIndex() throws Exception {
    try (PizzaDatabase db = Databases.open(SqlDialect.SQLITE, tmp)) {
      JdbcCommitSink sink = bulkSink(db);
      sink.begin(REPO, Checkpoint.empty());
      accept(sink, 0, size());
      sink.saveCheckpoint(REPO, intermediate(size()));
      accept(sink, size(), size() + BATCH);
      sink.abort(REPO, new IllegalStateException("the network went away"));

      assertThat(indexed(db)).isTrue();
      assertThat(db.queries().stats(REPO.key(), 3, Instant.now()).commits()).isEqualTo(size());
    }
  }

  @Test
  void processGoneAfterABulkIntermediateCheckpoint_nextBakeRestoresTheIndex() throws Exception {
    String url = Databases.freshUrl(SqlDialect.SQLITE, tmp);
    try (PizzaDatabase db = PizzaDatabase.open(url)) {
      JdbcCommitSink sink = bulkSink(db);
      sink.begin(REPO, Checkpoint.empty());
      accept(sink, 0, size());
      sink.saveCheckpoint(REPO, intermediate(size()));
      // The process ends here, as if killed: no abort, no complete checkpoint.
    }
    try (PizzaDatabase db = PizzaDatabase.open(url)) {
      assertThat(indexed(db)).isFalse();
      JdbcCommitSink sink = bulkSink(db);
      sink.begin(REPO, intermediate(size()));
      accept(sink, size(), size() + 10);
      sink.saveCheckpoint(REPO, new Checkpoint(Map.of("refs/heads/main", record(0).id())));

      assertThat(indexed(db)).isTrue();
      assertThat(statsPlan(db)).contains("COVERING INDEX " + DeferredStatsIndex.NAME);
    }
  }

  @Test
  void bakeSmallerThanWhatIsStored_keepsTheIndexAsItLoads() throws Exception {
    try (PizzaDatabase db = Databases.open(SqlDialect.SQLITE, tmp);
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      // A table whose row ids reached a million: far more than a bake of 100,000 commits.
      s.execute("INSERT INTO repositories (id, repo_key, url) VALUES (1, 'k', 'u')");
      s.execute(
          "INSERT INTO commits (rowid, repo_id, commit_id, parent_ids, author_name, author_email,"
              + " author_time, author_offset, committer_name, committer_email, committer_time,"
              + " committer_offset, subject, message, is_merge)"
              + " VALUES (1000000, 1, 'x', '', 'a', 'e', 0, 0, 'a', 'e', 0, 0, 's', 'm', 0)");
      DeferredStatsIndex.dropForBulkLoad(c, 100_000, 100_000);
      assertThat(DeferredStatsIndex.exists(c)).isTrue();

      DeferredStatsIndex.dropForBulkLoad(c, 600_000, 100_000);
      assertThat(DeferredStatsIndex.exists(c)).as("a bake larger than what was stored").isFalse();
      DeferredStatsIndex.ensure(c);
      assertThat(DeferredStatsIndex.exists(c)).isTrue();
    }
  }

  @Test
  void createdIndex_isTheOneTheMigrationsCreate() throws Exception {
    try (PizzaDatabase db = Databases.open(SqlDialect.SQLITE, tmp);
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      String migrated = indexSql(s);
      s.execute("DROP INDEX " + DeferredStatsIndex.NAME);
      DeferredStatsIndex.ensure(c);
      assertThat(normalized(indexSql(s))).isEqualTo(normalized(migrated));
    }
  }

  private static String indexSql(Statement s) throws Exception {
    try (ResultSet rs =
        s.executeQuery(
            "SELECT sql FROM sqlite_schema WHERE name = '" + DeferredStatsIndex.NAME + "'")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static String normalized(String sql) {
    return sql.replace("IF NOT EXISTS ", "").replaceAll("\\s+", " ").replace("( ", "(");
  }
}
