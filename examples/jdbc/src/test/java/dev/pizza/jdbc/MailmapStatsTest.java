package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.BakeResult;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Mailmap;
import dev.pizza.PizzaOven;
import dev.pizza.jdbc.RepositoryStats.Contributor;
import dev.pizza.jgit.JGitBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stored records keep the written and the mapped identities; insights count people by mapped
 * identity, so one person's several emails count once.
 */
class MailmapStatsTest {
  private static final String MAILMAP =
      "Ann Proper <ann@example.com> <ann@old.example.com>\n"
          + "Ann Proper <ann@example.com> Ann <ANN@home.example.com>\n"
          + "Xi Proper <x@example.com> <x@old.example.com>\n";

  @TempDir Path tmp;

  private static long at(String instant) {
    return Instant.parse(instant).getEpochSecond();
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void stats_countMappedIdentities_andRecordsKeepBoth(SqlDialect dialect) throws Exception {
    GitRepo repo = GitRepo.init(tmp.resolve("mailmap.git"));
    String c1 = repo.commit("Ann <ann@example.com>", at("2024-01-10T12:00:00Z"), "+0000", "1\n");
    String c2 =
        repo.commit("ann <ann@old.example.com>", at("2024-01-11T12:00:00Z"), "+0000", "2\n", c1);
    String c3 =
        repo.commit("Ann <ann@home.example.com>", at("2024-01-12T12:00:00Z"), "+0000", "3\n", c2);
    String c4 =
        repo.commit(
            "Bob <b@example.com>",
            at("2024-01-13T12:00:00Z"),
            "+0000",
            "4\n\nCo-authored-by: Xi <x@old.example.com>\nCo-authored-by: Xi <x@example.com>\n",
            c3);
    repo.branch("main", c4);
    try (PizzaDatabase db = Databases.open(dialect, tmp);
        PizzaOven oven =
            PizzaOven.builder()
                .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
                .allowLocalRepositories(true)
                .mailmap(Mailmap.parse(MAILMAP))
                .build()) {
      BakeResult r = oven.bake(repo.url(), db.sink());
      String key = r.repository().key();

      RepositoryStats s = db.queries().stats(key, 5, Instant.parse("2024-02-01T00:00:00Z"));
      assertThat(s.authors()).isEqualTo(2);
      assertThat(s.coAuthors()).isEqualTo(1);
      assertThat(s.topContributors())
          .containsExactly(
              new Contributor("Ann Proper", "ann@example.com", 3),
              new Contributor("Bob", "b@example.com", 1));
      assertThat(s.halfCommitAuthors()).isEqualTo(1);
      assertThat(db.queries().totals(key)).isEqualTo(new RepositoryTotals(4, 2));

      List<CommitRecord> stored = db.queries().commits(key);
      assertThat(stored)
          .extracting(c -> c.author().email() + " -> " + c.mappedAuthor())
          .containsExactly(
              "ann@example.com -> Ann <ann@example.com>",
              "ann@old.example.com -> Ann Proper <ann@example.com>",
              "ann@home.example.com -> Ann Proper <ann@example.com>",
              "b@example.com -> Bob <b@example.com>");
      CommitRecord last = stored.get(3);
      assertThat(last.coAuthors())
          .containsExactly(
              new Identity("Xi", "x@old.example.com"), new Identity("Xi", "x@example.com"));
      assertThat(last.mappedCoAuthors())
          .containsExactly(
              new Identity("Xi Proper", "x@example.com"), new Identity("Xi", "x@example.com"));
      assertThat(unmappedRows(db)).as("rows the mailmap left alone store NULL").isEqualTo(2);
    }
  }

  /** Counts commits whose mapped author columns are NULL. */
  private static long unmappedRows(PizzaDatabase db) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM commits"
                    + " WHERE mapped_author_name IS NULL AND mapped_author_email IS NULL")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
