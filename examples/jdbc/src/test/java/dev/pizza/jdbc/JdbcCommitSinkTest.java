package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.BakeOutcome;
import dev.pizza.BakeResult;
import dev.pizza.ChangeKind;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.FileChange;
import dev.pizza.PizzaOven;
import dev.pizza.jgit.JGitBackend;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real bakes (JGit reading a repository native git wrote) into real databases: what is stored is
 * what was delivered, field for field, and stays equal to the reachable set over incremental bakes,
 * force-pushes, resyncs and replays.
 */
class JdbcCommitSinkTest {
  private static final long T0 = 1_700_000_000L;

  @TempDir Path tmp;

  private PizzaOven oven() throws Exception {
    return PizzaOven.builder()
        .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
        .allowLocalRepositories(true)
        .batchSize(3)
        .parallelism(2)
        .build();
  }

  /** A small history with everything a record holds: merges, trailers, co-authors, offsets. */
  static GitRepo richRepository(Path dir) throws Exception {
    GitRepo repo = GitRepo.init(dir);
    String root =
        repo.commit(
            "Ann Author <ann@example.com>",
            T0,
            "+0530",
            "Initial commit\n\nBody line.\n\nSigned-off-by: Ann <ann@example.com>\n"
                + "Co-authored-by: Bob <bob@example.com>\nCo-authored-by: Cy <cy@example.com>\n");
    String quoted =
        repo.commit(
            "Zoë Ünïcode <zoe@example.com>",
            T0 + 100,
            "-0800",
            "Quotes \"here\", commas, a backslash \\ and\ta tab\nsecond subject line\n\n"
                + "\\.\nA line that is COPY's end-of-data marker, above.\r\n",
            root);
    String side = repo.commit("Bob <bob@example.com>", T0 + 50, "+0000", "Side work\n", root);
    String merge =
        repo.commit(
            "Ann Author <ann@example.com>",
            T0 + 200,
            "+0100",
            "Merge side\n\nReviewed-by: Cy <cy@example.com>\n",
            quoted,
            side);
    String empty = repo.commit("Nobody <>", T0 + 300, "+1400", "", merge);
    repo.branch("main", empty);
    repo.branch("side", side);
    repo.tag("v1", merge);
    return repo;
  }

  private static Set<CommitId> ids(List<CommitRecord> records) {
    return records.stream().map(CommitRecord::id).collect(Collectors.toSet());
  }

  private static List<CommitRecord> byId(List<CommitRecord> records) {
    return records.stream().sorted(Comparator.comparing(CommitRecord::id)).toList();
  }

  /**
   * Returns how many rows each table beside the commits holds: rows of a commit stored twice would
   * hang off a row id no commit has, and never be read back.
   */
  static List<Long> childRows(PizzaDatabase db) throws Exception {
    List<Long> counts = new java.util.ArrayList<>();
    try (java.sql.Connection c = db.dataSource().getConnection();
        java.sql.Statement s = c.createStatement()) {
      for (String table : CommitWriter.CHILD_TABLES) {
        try (java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
          rs.next();
          counts.add(rs.getLong(1));
        }
      }
    }
    return counts;
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void storedRecords_equalDeliveredRecords_fieldForField(SqlDialect dialect) throws Exception {
    GitRepo repo = richRepository(tmp.resolve("rich.git"));
    try (PizzaDatabase db = Databases.open(dialect, tmp);
        PizzaOven oven = oven()) {
      TeeSink tee = new TeeSink(db.sink());
      BakeResult r = oven.bake(repo.url(), tee);
      String key = r.repository().key();

      List<CommitRecord> stored = db.queries().commits(key);
      assertThat(tee.delivered).hasSize(5);
      assertThat(byId(stored)).isEqualTo(byId(tee.delivered));
      assertThat(stored)
          .as("ordered by committer time")
          .isSortedAccordingTo(Comparator.comparing(c -> c.committer().instant()));
      assertThat(db.queries().checkpoint(key)).isEqualTo(r.newCheckpoint());

      List<RepositorySummary> repos = db.queries().repositories();
      assertThat(repos).hasSize(1);
      RepositorySummary summary = repos.get(0);
      assertThat(summary.url()).isEqualTo(r.repository().url());
      assertThat(summary.commits()).isEqualTo(5);
      BakeRecord last = summary.lastBake().orElseThrow();
      assertThat(last.outcome()).isEqualTo(BakeRecord.Outcome.OK);
      assertThat(last.newCommits()).isEqualTo(5);
      assertThat(last.error()).isEmpty();
      assertThat(last.finished()).isAfterOrEqualTo(last.started());
    }
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void lineStats_areStoredAndReadBack_fileForFile(SqlDialect dialect) throws Exception {
    GitRepo repo = GitRepo.init(tmp.resolve("files.git"));
    String body = "one\ntwo\nthree\nfour\n";
    String root =
        repo.commitTree(
            repo.tree(java.util.Map.of("a.txt", "a\nb\n", "old.txt", body)),
            "Ann <ann@example.com>",
            T0,
            "+0000",
            "root\n");
    String second =
        repo.commitTree(
            repo.tree(java.util.Map.of("a.txt", "a\nB\nc\n", "new.txt", body)),
            "Ann <ann@example.com>",
            T0 + 10,
            "+0000",
            "edit and rename\n",
            root);
    String side = repo.commit("Bob <bob@example.com>", T0 + 20, "+0000", "side\n", root);
    repo.branch(
        "main", repo.commit("Ann <ann@example.com>", T0 + 30, "+0000", "merge\n", second, side));
    try (PizzaDatabase db = Databases.open(dialect, tmp);
        PizzaOven oven =
            PizzaOven.builder()
                .backend(
                    JGitBackend.builder()
                        .storeDirectory(tmp.resolve("store"))
                        .lineStats(true)
                        .build())
                .allowLocalRepositories(true)
                .build()) {
      TeeSink tee = new TeeSink(db.sink());
      String key = oven.bake(repo.url(), tee).repository().key();

      List<CommitRecord> stored = db.queries().commits(key);
      assertThat(byId(stored)).isEqualTo(byId(tee.delivered));
      CommitRecord edit =
          stored.stream().filter(c -> c.id().hex().equals(second)).findFirst().orElseThrow();
      assertThat(edit.files())
          .containsExactly(
              new FileChange("a.txt", null, ChangeKind.MODIFIED, 2, 1, false, false),
              new FileChange("new.txt", "old.txt", ChangeKind.RENAMED, 0, 0, false, false));
      assertThat(stored).allMatch(CommitRecord::hasLineStats);
      assertThat(db.queries().stats(key, 10, java.time.Instant.now()).topContributors())
          .containsExactly(
              new RepositoryStats.Contributor("Ann", "ann@example.com", 3, 2 + 4 + 2, 1),
              // Bob's commit has the empty tree: it deletes root's two files, 2 + 4 lines.
              new RepositoryStats.Contributor("Bob", "bob@example.com", 1, 0, 6));
    }
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void incrementalBakes_storeOnlyWhatIsNew_andEqualTheReachableSet(SqlDialect dialect)
      throws Exception {
    GitRepo repo = GitRepo.init(tmp.resolve("inc.git"));
    String tip = repo.chain(null, 7, T0, "first");
    repo.branch("main", tip);
    try (PizzaDatabase db = Databases.open(dialect, tmp);
        PizzaOven oven = oven()) {
      TeeSink tee = new TeeSink(db.sink());
      String key = oven.bake(repo.url(), tee).repository().key();
      // A branch with older dates merged later: dates play no part.
      String old = repo.chain(null, 3, T0 - 100_000, "old root");
      String merged = repo.commit("M <m@example.com>", T0 + 99_999, "+0000", "merge\n", tip, old);
      repo.branch("main", repo.chain(merged, 4, T0 + 200_000, "second"));

      BakeResult second = oven.bake(repo.url(), tee);

      assertThat(second.newCommits()).isEqualTo(8);
      assertThat(tee.delivered).hasSize(15).doesNotHaveDuplicates();
      assertThat(ids(db.queries().commits(key))).isEqualTo(repo.reachable());
      assertThat(db.queries().bakes(key, 10)).hasSize(2);
      assertThat(db.queries().bakes(key, 10).get(0).newCommits()).isEqualTo(8);
    }
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void forcePush_retractionsLeaveExactlyTheReachableSet(SqlDialect dialect) throws Exception {
    GitRepo repo = GitRepo.init(tmp.resolve("fp.git"));
    String base = repo.chain(null, 4, T0, "base");
    String lost = repo.chain(base, 5, T0 + 10_000, "lost");
    repo.branch("main", lost);
    repo.tag("v1", lost);
    try (PizzaDatabase db = Databases.open(dialect, tmp);
        PizzaOven oven = oven()) {
      TeeSink tee = new TeeSink(db.sink());
      String key = oven.bake(repo.url(), tee).repository().key();
      repo.branch("main", repo.chain(base, 3, T0 + 20_000, "rewritten"));
      repo.git(null, "update-ref", "-d", "refs/tags/v1");

      BakeResult r = oven.bake(repo.url(), tee);

      assertThat(r.retractedCommits()).isEqualTo(5);
      assertThat(r.newCommits()).isEqualTo(3);
      Set<CommitId> stored = ids(db.queries().commits(key));
      assertThat(stored).isEqualTo(repo.reachable()).hasSize(7);
      assertThat(stored).doesNotContainAnyElementsOf(new HashSet<>(tee.retracted));
      assertThat(db.queries().repository(key).orElseThrow().commits()).isEqualTo(7);
    }
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void resync_afterOldCommitsAreGone_leavesExactlyTheReachableSet(SqlDialect dialect)
      throws Exception {
    GitRepo repo = GitRepo.init(tmp.resolve("rs.git"));
    String base = repo.chain(null, 3, T0, "base");
    repo.branch("main", repo.chain(base, 4, T0 + 10_000, "gone"));
    try (PizzaDatabase db = Databases.open(dialect, tmp);
        PizzaOven oven = oven()) {
      String key = oven.bake(repo.url(), db.sink()).repository().key();
      repo.branch("main", repo.chain(base, 2, T0 + 20_000, "new"));
      repo.prune();

      BakeResult r = oven.bake(repo.url(), db.sink());

      assertThat(r.resynced()).isTrue();
      assertThat(ids(db.queries().commits(key))).isEqualTo(repo.reachable()).hasSize(5);
      BakeRecord last = db.queries().repository(key).orElseThrow().lastBake().orElseThrow();
      assertThat(last.resynced()).isTrue();
      assertThat(last.newCommits()).isEqualTo(5);
    }
  }

  /**
   * Text travels to PostgreSQL as UTF-8 bytes with their length (binary COPY): letters outside
   * Latin-1, pairs of UTF-16 surrogates and a field longer than any row buffer's first size must
   * come back as written, including through the fallback for a batch partly stored.
   */
  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void textBeyondLatin1_isStoredAsWritten(SqlDialect dialect) throws Exception {
    GitRepo repo = GitRepo.init(tmp.resolve("text.git"));
    String root =
        repo.commit(
            "李雷 🍕 Müller <li@example.com>",
            T0,
            "+0800",
            "Ünïcödé 🍕 subject ☃\n\n"
                + "ж".repeat(70_000)
                + "\n\nSigned-off-by: Åsa 🎉 <asa@example.com>\n"
                + "Co-authored-by: Ωmega <omega@example.com>\n");
    String next = repo.commit("Nobody <>", T0 + 10, "-0330", "second\n", root);
    repo.branch("main", next);
    try (PizzaDatabase db = Databases.open(dialect, tmp);
        PizzaOven oven = oven()) {
      TeeSink tee = new TeeSink(db.sink());
      BakeResult r = oven.bake(repo.url(), tee);
      String key = r.repository().key();
      assertThat(byId(db.queries().commits(key))).isEqualTo(byId(tee.delivered));

      JdbcCommitSink sink = db.sink();
      sink.begin(r.repository(), r.newCheckpoint());
      sink.retract(r.repository(), List.of(tee.delivered.get(0).id()));
      sink.accept(r.repository(), List.copyOf(tee.delivered));
      sink.saveCheckpoint(r.repository(), r.newCheckpoint());
      assertThat(byId(db.queries().commits(key))).isEqualTo(byId(tee.delivered));
    }
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void replayedDelivery_changesNothing(SqlDialect dialect) throws Exception {
    GitRepo repo = richRepository(tmp.resolve("replay.git"));
    try (PizzaDatabase db = Databases.open(dialect, tmp);
        PizzaOven oven = oven()) {
      TeeSink tee = new TeeSink(db.sink());
      BakeResult r = oven.bake(repo.url(), tee);
      String key = r.repository().key();
      List<CommitRecord> before = db.queries().commits(key);
      List<Long> rowsBefore = childRows(db);

      JdbcCommitSink sink = db.sink();
      sink.begin(r.repository(), r.newCheckpoint());
      sink.accept(r.repository(), List.copyOf(tee.delivered));
      sink.accept(r.repository(), List.copyOf(tee.delivered.subList(0, 2)));
      sink.saveCheckpoint(r.repository(), r.newCheckpoint());
      BakeResult again = oven.bake(repo.url(), tee);

      assertThat(again.newCommits()).isZero();
      assertThat(db.queries().commits(key)).isEqualTo(before);
      assertThat(childRows(db)).as("no rows beside a commit stored twice").isEqualTo(rowsBefore);
      assertThat(db.queries().stats(key, 10, java.time.Instant.now()).commits()).isEqualTo(5);
    }
  }

  /** PostgreSQL copies a batch straight into the tables and falls back when it hits a key. */
  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void batchPartlyStored_storesTheMissingCommitsOnce(SqlDialect dialect) throws Exception {
    GitRepo repo = richRepository(tmp.resolve("partly.git"));
    try (PizzaDatabase db = Databases.open(dialect, tmp);
        PizzaOven oven = oven()) {
      TeeSink tee = new TeeSink(db.sink());
      BakeResult r = oven.bake(repo.url(), tee);
      String key = r.repository().key();
      List<CommitRecord> before = db.queries().commits(key);
      List<CommitRecord> all = List.copyOf(tee.delivered);
      List<Long> rowsBefore = childRows(db);

      JdbcCommitSink sink = db.sink();
      sink.begin(r.repository(), r.newCheckpoint());
      sink.retract(r.repository(), List.of(all.get(0).id(), all.get(3).id()));
      sink.accept(r.repository(), all);
      sink.accept(r.repository(), all.subList(1, 2));
      sink.saveCheckpoint(r.repository(), r.newCheckpoint());

      assertThat(db.queries().commits(key)).isEqualTo(before);
      assertThat(db.queries().stats(key, 10, java.time.Instant.now()).commits())
          .isEqualTo(all.size());
      assertThat(childRows(db)).as("no rows beside a commit stored twice").isEqualTo(rowsBefore);
    }
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void twoRepositoriesBakedConcurrently_eachStoresItsReachableSet(SqlDialect dialect)
      throws Exception {
    GitRepo a = GitRepo.init(tmp.resolve("a.git"));
    a.branch("main", a.chain(null, 40, T0, "a"));
    GitRepo b = richRepository(tmp.resolve("b.git"));
    b.branch("more", b.chain(null, 30, T0, "b"));
    try (PizzaDatabase db = Databases.open(dialect, tmp);
        PizzaOven oven = oven()) {
      List<BakeOutcome> outcomes = oven.bakeAll(List.of(a.url(), b.url()), db.sink());

      assertThat(outcomes).allMatch(o -> o instanceof BakeOutcome.Baked, "every bake succeeded");
      for (BakeOutcome o : outcomes) {
        BakeResult r = ((BakeOutcome.Baked) o).result();
        GitRepo repo = r.repository().url().equals(a.url()) ? a : b;
        assertThat(ids(db.queries().commits(r.repository().key()))).isEqualTo(repo.reachable());
      }
      assertThat(db.queries().repositories()).hasSize(2);
    }
  }
}
