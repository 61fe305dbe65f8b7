package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.BakeResult;
import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryId;
import dev.pizza.Signature;
import dev.pizza.jdbc.RepositoryStats.Contributor;
import dev.pizza.jdbc.RepositoryStats.MonthCount;
import dev.pizza.jgit.JGitBackend;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Insights computed by SQL, the bake history, and what a failed bake leaves behind. */
class CommitQueriesTest {
  @TempDir Path tmp;

  private static long at(String instant) {
    return Instant.parse(instant).getEpochSecond();
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void stats_countWhatAnInsightsUserAsksFirst(SqlDialect dialect) throws Exception {
    GitRepo repo = GitRepo.init(tmp.resolve("stats.git"));
    String a = "Ann <a@example.com>";
    String b = "Bob <b@example.com>";
    String c1 = repo.commit(a, at("2024-01-10T12:00:00Z"), "+0000", "one\n");
    String c2 =
        repo.commit(
            a,
            at("2024-01-20T12:00:00Z"),
            "+0200",
            "two\n\nCo-authored-by: Xi <x@example.com>\n",
            c1);
    String c3 = repo.commit(b, at("2024-02-05T12:00:00Z"), "-0500", "three\n", c1);
    String c4 = repo.commit(a, at("2024-03-01T12:00:00Z"), "+0000", "merge\n", c2, c3);
    String c5 =
        repo.commit(
            b,
            at("2024-03-15T12:00:00Z"),
            "+0000",
            "five\n\nCo-authored-by: Xi <x@example.com>\nCo-authored-by: Yu <y@example.com>\n",
            c4);
    String c6 = repo.commit("Cy <c@example.com>", at("2024-03-20T12:00:00Z"), "+0000", "six\n", c5);
    repo.branch("main", c6);
    try (PizzaDatabase db = Databases.open(dialect, tmp);
        PizzaOven oven =
            PizzaOven.builder()
                .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
                .allowLocalRepositories(true)
                .build()) {
      BakeResult r = oven.bake(repo.url(), db.sink());

      RepositoryStats s =
          db.queries().stats(r.repository().key(), 2, Instant.parse("2024-05-01T00:00:00Z"));

      assertThat(s.commits()).isEqualTo(6);
      assertThat(s.merges()).isEqualTo(1);
      assertThat(s.authors()).isEqualTo(3);
      assertThat(s.committers()).isEqualTo(3);
      assertThat(s.coAuthors()).isEqualTo(2);
      assertThat(s.firstCommit()).contains(Instant.parse("2024-01-10T12:01:00Z"));
      assertThat(s.lastCommit()).contains(Instant.parse("2024-03-20T12:01:00Z"));
      assertThat(s.commitsPerMonth())
          .containsExactly(
              new MonthCount(YearMonth.of(2024, 1), 2),
              new MonthCount(YearMonth.of(2024, 2), 1),
              new MonthCount(YearMonth.of(2024, 3), 3));
      assertThat(s.topContributors())
          .containsExactly(
              new Contributor("Ann", "a@example.com", 3),
              new Contributor("Bob", "b@example.com", 2));
      assertThat(s.activeContributors())
          .containsExactly(
              new Contributor("Bob", "b@example.com", 2),
              new Contributor("Ann", "a@example.com", 1),
              new Contributor("Cy", "c@example.com", 1));
      assertThat(s.halfCommitAuthors()).isEqualTo(1);
    }
  }

  /** The bake's summary line said 6,983 authors of rails where {@code pizza stats} said 6,991. */
  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void totals_countTheAuthorsStatsCounts_emailsAsWritten(SqlDialect dialect) throws Exception {
    GitRepo repo = GitRepo.init(tmp.resolve("totals.git"));
    String c1 = repo.commit("Ann <Ann@Example.com>", at("2024-01-10T12:00:00Z"), "+0000", "1\n");
    String c2 =
        repo.commit("Ann <ann@example.com>", at("2024-01-11T12:00:00Z"), "+0000", "2\n", c1);
    String c3 = repo.commit("Bob <b@example.com>", at("2024-01-12T12:00:00Z"), "+0000", "3\n", c2);
    repo.branch("main", c3);
    try (PizzaDatabase db = Databases.open(dialect, tmp);
        PizzaOven oven =
            PizzaOven.builder()
                .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
                .allowLocalRepositories(true)
                .build()) {
      BakeResult r = oven.bake(repo.url(), db.sink());

      String key = r.repository().key();
      assertThat(db.queries().totals(key)).isEqualTo(new RepositoryTotals(3, 3));
      assertThat(db.queries().stats(key, 5, Instant.now()).authors())
          .isEqualTo(db.queries().totals(key).authors());
      assertThat(db.queries().totals("0".repeat(40))).isEqualTo(new RepositoryTotals(0, 0));
    }
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void stats_ofUnknownRepository_areEmpty(SqlDialect dialect) throws Exception {
    try (PizzaDatabase db = Databases.open(dialect, tmp)) {
      RepositoryStats s = db.queries().stats("0".repeat(40), 5, Instant.now());
      assertThat(s.commits()).isZero();
      assertThat(s.firstCommit()).isEmpty();
      assertThat(s.halfCommitAuthors()).isZero();
      assertThat(db.queries().commits("0".repeat(40))).isEmpty();
      assertThat(db.queries().checkpoint("0".repeat(40))).isEqualTo(Checkpoint.empty());
      assertThat(db.queries().repository("0".repeat(40))).isEmpty();
    }
  }

  private static CommitRecord record(int n, CommitRecord... parents) {
    Signature s =
        new Signature(
            new Identity("P" + n, "p" + n + "@example.com"),
            Instant.ofEpochSecond(1_700_000_000L + n),
            ZoneOffset.ofHours(n % 3));
    return CommitRecord.of(
        CommitId.of(String.format("%040x", n)),
        java.util.Arrays.stream(parents).map(CommitRecord::id).toList(),
        s,
        s,
        "commit " + n + "\n");
  }

  private static Checkpoint tip(CommitRecord r) {
    return new Checkpoint(Map.of("refs/heads/main", r.id()));
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void abortAfterIntermediateCheckpoint_rollsBackOnlyWhatCameAfterIt(SqlDialect dialect)
      throws Exception {
    RepositoryId repo = new RepositoryId("a".repeat(40), "https://example.com/org/repo");
    CommitRecord c1 = record(1);
    CommitRecord c2 = record(2, c1);
    CommitRecord c3 = record(3, c2);
    CommitRecord c4 = record(4, c3);
    try (PizzaDatabase db = Databases.open(dialect, tmp)) {
      JdbcCommitSink sink = db.sink();
      sink.begin(repo, Checkpoint.empty());
      sink.accept(repo, List.of(c1, c2));
      Checkpoint partial =
          Checkpoint.intermediate(Map.of(), Map.of("refs/heads/main", c4.id()), 2, "dfs/1");
      sink.saveCheckpoint(repo, partial);
      sink.accept(repo, List.of(c3));
      sink.retract(repo, List.of(c1.id()));
      sink.abort(repo, new IllegalStateException("the network went away"));

      assertThat(db.queries().commits(repo.key())).containsExactly(c1, c2);
      assertThat(sink.checkpoint(repo)).isEqualTo(partial);
      BakeRecord aborted =
          db.queries().repository(repo.key()).orElseThrow().lastBake().orElseThrow();
      assertThat(aborted.outcome()).isEqualTo(BakeRecord.Outcome.ABORTED);
      assertThat(aborted.newCommits()).isEqualTo(2);
      assertThat(aborted.retractedCommits()).isZero();
      assertThat(aborted.error()).hasValueSatisfying(e -> assertThat(e).contains("network"));

      sink.begin(repo, partial);
      sink.accept(repo, List.of(c3));
      sink.saveCheckpoint(repo, tip(c3));
      sink.accept(repo, List.of(c4));
      sink.saveCheckpoint(repo, tip(c4));

      assertThat(db.queries().commits(repo.key())).containsExactly(c1, c2, c3, c4);
      assertThat(db.queries().checkpoint(repo.key())).isEqualTo(tip(c4));
      List<BakeRecord> history = db.queries().bakes(repo.key(), 10);
      assertThat(history)
          .extracting(BakeRecord::outcome)
          .containsExactly(BakeRecord.Outcome.OK, BakeRecord.Outcome.ABORTED);
      assertThat(history.get(0).newCommits()).isEqualTo(2);
      assertThat(db.queries().repositories())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.url()).isEqualTo("https://example.com/org/repo");
                assertThat(s.commits()).isEqualTo(4);
              });
    }
  }
}
