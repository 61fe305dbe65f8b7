package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.BakeResult;
import dev.pizza.PizzaOven;
import dev.pizza.jgit.JGitBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The original service's three tables ({@code baked_repos}, {@code commit_authors}, {@code
 * commits}) answer its queries as views: its repository lookup, the newest stored commit date its
 * incremental bake read, and commits joined to their author's email.
 */
class OriginalViewsTest {
  @TempDir Path tmp;

  private static Instant commitDate(SqlDialect dialect, ResultSet rs, int column) throws Exception {
    return dialect == SqlDialect.POSTGRESQL
        ? rs.getObject(column, OffsetDateTime.class).toInstant()
        : LocalDateTime.parse(rs.getString(column).replace(' ', 'T')).toInstant(ZoneOffset.UTC);
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void originalQueries_runAgainstTheViews(SqlDialect dialect) throws Exception {
    GitRepo repo = JdbcCommitSinkTest.richRepository(tmp.resolve("orig.git"));
    try (PizzaDatabase db = Databases.open(dialect, tmp);
        PizzaOven oven =
            PizzaOven.builder()
                .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
                .allowLocalRepositories(true)
                .build()) {
      TeeSink tee = new TeeSink(db.sink());
      BakeResult r = oven.bake(repo.url(), tee);
      String repos = dialect.originalTable("baked_repos");
      String authors = dialect.originalTable("commit_authors");
      String commits = dialect.originalTable("commits");

      try (Connection c = db.dataSource().getConnection()) {
        long repoId;
        try (PreparedStatement ps =
            c.prepareStatement("SELECT id, repo_id FROM " + repos + " WHERE clone_url = ?")) {
          ps.setString(1, repo.url());
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            repoId = rs.getLong(1);
            assertThat(rs.getString(2)).isEqualTo(r.repository().key());
          }
        }

        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT commit_date FROM "
                    + commits
                    + " WHERE baked_repo_id = ? ORDER BY commit_date DESC LIMIT 1")) {
          ps.setLong(1, repoId);
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            Instant newest =
                tee.delivered.stream()
                    .map(x -> x.committer().instant())
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            assertThat(commitDate(dialect, rs, 1)).isEqualTo(newest);
          }
        }

        Map<String, String> emailByHash = new HashMap<>();
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT c.commit_hash, a.commit_author_email FROM "
                    + commits
                    + " c JOIN "
                    + authors
                    + " a ON a.id = c.commit_author_id WHERE c.baked_repo_id = ?")) {
          ps.setLong(1, repoId);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              emailByHash.put(rs.getString(1), rs.getString(2));
            }
          }
        }
        assertThat(emailByHash)
            .isEqualTo(
                tee.delivered.stream()
                    .collect(Collectors.toMap(x -> x.id().hex(), x -> x.author().email())));

        try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT COUNT(*), COUNT(DISTINCT commit_author_email) FROM " + authors);
            ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(rs.getLong(2)).isEqualTo(4);
        }
      }
    }
  }
}
