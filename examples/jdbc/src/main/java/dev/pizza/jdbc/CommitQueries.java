package dev.pizza.jdbc;

import dev.pizza.Checkpoint;
import dev.pizza.CommitRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads what {@link JdbcCommitSink} stored: the repositories and their bakes, every commit of a
 * repository as a {@link CommitRecord} equal field for field to the one delivered, insights
 * computed by SQL, and checkpoints. Repositories are named by {@link dev.pizza.RepositoryId#key()}.
 * Thread safe; each call uses a connection of its own.
 */
public final class CommitQueries {
  /** How far back {@link RepositoryStats#activeContributors()} looks. */
  public static final Duration ACTIVE_WINDOW = Duration.ofDays(90);

  /** The author's email through the mailmap: the written one where the mailmap left it. */
  private static final String MAPPED_AUTHOR_EMAIL = "COALESCE(mapped_author_email, author_email)";

  private static final String MAPPED_AUTHOR_NAME = "COALESCE(mapped_author_name, author_name)";
  private static final String MAPPED_COMMITTER_EMAIL =
      "COALESCE(mapped_committer_email, committer_email)";

  private static final String LAST_BAKE =
      "SELECT b.started_at, b.finished_at, b.outcome, b.new_commits, b.retracted_commits,"
          + " b.resynced, b.error FROM bakes b";

  private final DataSource dataSource;
  private final SqlDialect dialect;

  private CommitQueries(DataSource dataSource, SqlDialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  /** Returns queries over {@code dataSource}, whose dialect is read from the database. */
  public static CommitQueries of(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return new CommitQueries(dataSource, SqlDialect.of(c));
    }
  }

  /** Returns queries over {@code dataSource}, a database of {@code dialect}. */
  public static CommitQueries of(DataSource dataSource, SqlDialect dialect) {
    return new CommitQueries(dataSource, dialect);
  }

  /** Returns every stored repository, by URL, with its commit count and last bake. */
  public List<RepositorySummary> repositories() throws SQLException {
    return summaries("", null);
  }

  /** Returns the repository with {@code key}, if it was ever baked. */
  public Optional<RepositorySummary> repository(String key) throws SQLException {
    return summaries(" WHERE r.repo_key = ?", key).stream().findFirst();
  }

  private List<RepositorySummary> summaries(String where, @Nullable String key)
      throws SQLException {
    String sql =
        "SELECT r.repo_key, r.url, (SELECT COUNT(*) FROM commits c WHERE c.repo_id = r.id),"
            + " b.started_at, b.finished_at, b.outcome, b.new_commits, b.retracted_commits,"
            + " b.resynced, b.error FROM repositories r LEFT JOIN bakes b ON b.bake_id ="
            + " (SELECT x.bake_id FROM bakes x WHERE x.repo_id = r.id"
            + " ORDER BY x.started_at DESC, x.finished_at DESC LIMIT 1)"
            + where
            + " ORDER BY r.url";
    List<RepositorySummary> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (key != null) {
        ps.setString(1, key);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rs.getLong(4);
          Optional<BakeRecord> last = rs.wasNull() ? Optional.empty() : Optional.of(bake(rs, 4));
          out.add(new RepositorySummary(rs.getString(1), rs.getString(2), rs.getLong(3), last));
        }
      }
    }
    return out;
  }

  /** Returns the repository's bakes, newest first, at most {@code limit}. */
  public List<BakeRecord> bakes(String key, int limit) throws SQLException {
    List<BakeRecord> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                LAST_BAKE
                    + " JOIN repositories r ON r.id = b.repo_id WHERE r.repo_key = ?"
                    + " ORDER BY b.started_at DESC, b.finished_at DESC LIMIT ?")) {
      ps.setString(1, key);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(bake(rs, 1));
        }
      }
    }
    return out;
  }

  private static BakeRecord bake(ResultSet rs, int at) throws SQLException {
    return new BakeRecord(
        Instant.ofEpochMilli(rs.getLong(at)),
        Instant.ofEpochMilli(rs.getLong(at + 1)),
        BakeRecord.Outcome.valueOf(rs.getString(at + 2).toUpperCase(Locale.ROOT)),
        rs.getLong(at + 3),
        rs.getLong(at + 4),
        rs.getBoolean(at + 5),
        Optional.ofNullable(rs.getString(at + 6)));
  }

  /** Returns the checkpoint stored for the repository, or {@link Checkpoint#empty()}. */
  public Checkpoint checkpoint(String key) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return RepositoryRows.checkpoint(c, key);
    }
  }

  /**
   * Hands every stored commit of the repository to {@code visitor}, ordered by committer time then
   * id, reading them as it goes (memory stays flat). Returns how many there were; none for a
   * repository never baked.
   */
  public <E extends Exception> long forEachCommit(String key, CommitVisitor<E> visitor)
      throws SQLException, E {
    try (Connection c = dataSource.getConnection()) {
      OptionalLong repoId = RepositoryRows.find(c, key);
      if (repoId.isEmpty()) {
        return 0;
      }
      // PostgreSQL streams a result set only inside a transaction, which also gives the three
      // cursors one snapshot. SQLite's cursors share the read transaction their connection holds
      // while any of them is open; an explicit one there would be a write transaction.
      boolean transaction = dialect == SqlDialect.POSTGRESQL;
      if (transaction) {
        c.setAutoCommit(false);
      }
      try (StoredCommitReader reader = new StoredCommitReader(c, repoId.getAsLong())) {
        long count = 0;
        for (CommitRecord r = reader.next(); r != null; r = reader.next()) {
          visitor.visit(r);
          count++;
        }
        return count;
      } finally {
        if (transaction) {
          c.rollback();
        }
      }
    }
  }

  /** Returns every stored commit of the repository in a list (for small repositories and tests). */
  public List<CommitRecord> commits(String key) throws SQLException {
    List<CommitRecord> out = new ArrayList<>();
    forEachCommit(key, out::add);
    return out;
  }

  /**
   * Returns the repository's commit count and distinct mapped author emails in one query: what a
   * summary line needs, without the cost of {@link #stats}, whose {@code authors} it equals (emails
   * as written, as {@code git shortlog -e} groups them; a mailmap joins variants). Zero for a
   * repository never baked.
   */
  public RepositoryTotals totals(String key) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*), COUNT(DISTINCT "
                    + MAPPED_AUTHOR_EMAIL
                    + ") FROM commits c"
                    + " JOIN repositories r ON r.id = c.repo_id WHERE r.repo_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new RepositoryTotals(rs.getLong(1), rs.getLong(2));
      }
    }
  }

  /**
   * Computes the repository's insights.
   *
   * @param key the repository
   * @param top how many top contributors, and most changed files, to list
   * @param now the moment the activity window ({@link #ACTIVE_WINDOW}) ends
   */
  public RepositoryStats stats(String key, int top, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long repo = RepositoryRows.find(c, key).orElse(-1);
      long commits;
      long merges;
      long committers;
      Optional<Instant> first;
      Optional<Instant> last;
      // Answered from the index commits_by_time alone (see V8__one_stats_index).
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*), COALESCE(SUM(CASE WHEN is_merge THEN 1 ELSE 0 END), 0),"
                      + " COUNT(DISTINCT "
                      + MAPPED_COMMITTER_EMAIL
                      + "), MIN(committer_time), MAX(committer_time) FROM commits"
                      + " WHERE repo_id = ?");
          ResultSet rs = bind(ps, repo).executeQuery()) {
        rs.next();
        commits = rs.getLong(1);
        merges = rs.getLong(2);
        committers = rs.getLong(3);
        long min = rs.getLong(4);
        first = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(min));
        long max = rs.getLong(5);
        last = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(max));
      }
      long coAuthors =
          single(
              c,
              "SELECT COUNT(DISTINCT COALESCE(mapped_email, email)) FROM commit_co_authors"
                  + " WHERE repo_id = ?",
              repo);
      List<RepositoryStats.MonthCount> months = new ArrayList<>();
      String month = dialect.month("committer_time");
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + month
                      + ", COUNT(*) FROM commits WHERE repo_id = ? GROUP BY 1 ORDER BY 1");
          ResultSet rs = bind(ps, repo).executeQuery()) {
        while (rs.next()) {
          months.add(
              new RepositoryStats.MonthCount(YearMonth.parse(rs.getString(1)), rs.getLong(2)));
        }
      }
      // One pass over the index commits_by_time gives every per-author figure.
      AuthorCounts authors = AuthorCounts.read(c, repo, now.minus(ACTIVE_WINDOW).getEpochSecond());
      return new RepositoryStats(
          commits,
          merges,
          authors.distinct(),
          committers,
          coAuthors,
          first,
          last,
          months,
          authors.top(top),
          authors.active(),
          authors.half(commits),
          ChangedFiles.top(c, dialect, repo, top));
    }
  }

  private static PreparedStatement bind(PreparedStatement ps, long repo) throws SQLException {
    ps.setLong(1, repo);
    return ps;
  }

  private static long single(Connection c, String sql, long repo) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = bind(ps, repo).executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
