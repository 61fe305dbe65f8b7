package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitRecord;
import dev.pizza.FileChange;
import dev.pizza.Identity;
import dev.pizza.PizzaOven;
import dev.pizza.Trailer;
import dev.pizza.jgit.JGitBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * V9 keys the rows beside a commit by the commit's row id instead of (repo_id, commit_id): a
 * database of V8 that holds commits with trailers, co-authors and changed files must read back the
 * same records after the migration, and keep storing new ones.
 */
class CommitSeqMigrationTest {
  private static final long T0 = 1_700_000_000L;

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void databaseAtV8WithData_readsBackTheSameRecordsAfterV9(SqlDialect dialect) throws Exception {
    GitRepo repo = JdbcCommitSinkTest.richRepository(tmp.resolve("rich.git"));
    String main = repo.git(null, "rev-parse", "main").trim();
    repo.branch(
        "main",
        repo.commitTree(
            repo.tree(java.util.Map.of("a.txt", "a\nb\n", "b.bin", "\0binary\n")),
            "Ann Author <ann@example.com>",
            T0 + 400,
            "+0000",
            "Add files\n\nCo-authored-by: Bob <bob@example.com>\n",
            main));
    GitRepo other = GitRepo.init(tmp.resolve("other.git"));
    String otherTip = other.chain(null, 4, T0, "other");
    other.branch("main", otherTip);
    List<CommitRecord> expected;
    List<CommitRecord> otherExpected;
    String key;
    String otherKey;
    try (PizzaDatabase fresh = Databases.open(dialect, tmp);
        PizzaOven oven = oven()) {
      key = oven.bake(repo.url(), fresh.sink()).repository().key();
      otherKey = oven.bake(other.url(), fresh.sink()).repository().key();
      expected = fresh.queries().commits(key);
      otherExpected = fresh.queries().commits(otherKey);
    }
    assertThat(expected).anyMatch(r -> !r.trailers().isEmpty());
    assertThat(expected).anyMatch(r -> !r.coAuthors().isEmpty());
    assertThat(expected).anyMatch(r -> r.files() != null && !r.files().isEmpty());

    String url = Databases.freshUrl(dialect, tmp);
    DataSource v8 = Databases.migratedTo(dialect, url, "8");
    try (Connection c = v8.getConnection()) {
      // Interleaved, so that the row ids of one repository's commits are not a single run.
      long otherId = insertRepository(c, otherKey);
      long repoId = insertRepository(c, key);
      insertV8(c, otherId, otherExpected.subList(0, 2));
      insertV8(c, repoId, expected);
      insertV8(c, otherId, otherExpected.subList(2, otherExpected.size()));
    }

    try (PizzaDatabase db = PizzaDatabase.open(url)) {
      assertThat(db.queries().commits(key)).isEqualTo(expected);
      assertThat(db.queries().commits(otherKey)).isEqualTo(otherExpected);

      other.branch("main", other.chain(otherTip, 3, T0 + 100, "more"));
      List<Long> rows = JdbcCommitSinkTest.childRows(db);
      try (PizzaOven oven = oven()) {
        // No checkpoint was stored at V8: the bake delivers every commit again, onto migrated rows.
        oven.bake(repo.url(), db.sink());
        assertThat(JdbcCommitSinkTest.childRows(db)).isEqualTo(rows);
        oven.bake(other.url(), db.sink());
      }
      assertThat(db.queries().commits(key)).isEqualTo(expected);
      assertThat(db.queries().commits(otherKey)).hasSize(otherExpected.size() + 3);
    }
  }

  private PizzaOven oven() throws Exception {
    return PizzaOven.builder()
        .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).lineStats(true).build())
        .allowLocalRepositories(true)
        .build();
  }

  private static long insertRepository(Connection c, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO repositories (repo_key, url) VALUES (?, ?) RETURNING id")) {
      ps.setString(1, key);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Stores {@code records} as pizza did at V8: every row keyed by (repo_id, commit_id). */
  private static void insertV8(Connection c, long repoId, List<CommitRecord> records)
      throws SQLException {
    for (CommitRecord r : records) {
      String id = r.id().hex();
      execute(
          c,
          "INSERT INTO commits (repo_id, commit_id, parent_ids, author_name, author_email,"
              + " author_time, author_offset, committer_name, committer_email, committer_time,"
              + " committer_offset, subject, message, is_merge, mapped_author_name,"
              + " mapped_author_email, mapped_committer_name, mapped_committer_email)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          repoId,
          id,
          CommitWriter.parents(r),
          r.author().name(),
          r.author().email(),
          r.author().instant().getEpochSecond(),
          r.author().offset().getTotalSeconds(),
          r.committer().name(),
          r.committer().email(),
          r.committer().instant().getEpochSecond(),
          r.committer().offset().getTotalSeconds(),
          r.subject(),
          r.message(),
          r.isMerge(),
          null,
          null,
          null,
          null);
      List<Trailer> ts = r.trailers();
      for (int i = 0; i < ts.size(); i++) {
        execute(
            c,
            "INSERT INTO commit_trailers (repo_id, commit_id, position, trailer_key,"
                + " trailer_value) VALUES (?, ?, ?, ?, ?)",
            repoId,
            id,
            i,
            ts.get(i).key(),
            ts.get(i).value());
      }
      List<Identity> cs = r.coAuthors();
      for (int i = 0; i < cs.size(); i++) {
        execute(
            c,
            "INSERT INTO commit_co_authors (repo_id, commit_id, position, name, email)"
                + " VALUES (?, ?, ?, ?, ?)",
            repoId,
            id,
            i,
            cs.get(i).name(),
            cs.get(i).email());
      }
      List<FileChange> fs = r.files();
      if (fs != null) {
        execute(
            c,
            "INSERT INTO commit_line_stats (repo_id, commit_id, lines_added, lines_removed,"
                + " files) VALUES (?, ?, ?, ?, ?)",
            repoId,
            id,
            r.linesAdded(),
            r.linesRemoved(),
            fs.size());
        for (int i = 0; i < fs.size(); i++) {
          FileChange f = fs.get(i);
          execute(
              c,
              "INSERT INTO commit_files (repo_id, commit_id, position, path, old_path, kind,"
                  + " added, removed, is_binary, too_large) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              repoId,
              id,
              i,
              f.path(),
              f.oldPath(),
              f.kind().name(),
              f.hasLineCounts() ? f.added() : null,
              f.hasLineCounts() ? f.removed() : null,
              f.binary(),
              f.tooLarge());
        }
      }
    }
  }

  private static void execute(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        Object v = values[i];
        if (v == null) {
          ps.setNull(i + 1, Types.NULL);
        } else if (v instanceof Boolean b) {
          ps.setBoolean(i + 1, b);
        } else {
          ps.setObject(i + 1, v);
        }
      }
      ps.executeUpdate();
    }
  }
}
