package dev.pizza.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The commits of each author of a repository (identities through the mailmap), in all and within
 * the activity window, read by one grouping query that the index {@code commits_by_time} answers
 * without touching the commits' rows; the rankings of {@link RepositoryStats} are computed from
 * them. One row per distinct author email, so this holds as many rows as the repository has
 * authors.
 */
final class AuthorCounts {
  private static final String EMAIL = "COALESCE(mapped_author_email, author_email)";
  private static final String NAME = "COALESCE(mapped_author_name, author_name)";
  private static final String QUERY =
      "SELECT "
          + EMAIL
          + ", MAX("
          + NAME
          + "), COUNT(*), MAX(CASE WHEN author_time >= ? THEN "
          + NAME
          + " END), SUM(CASE WHEN author_time >= ? THEN 1 ELSE 0 END)"
          + " FROM commits WHERE repo_id = ? GROUP BY 1 ORDER BY 1";

  private static final String LINES_QUERY =
      "SELECT COALESCE(c.mapped_author_email, c.author_email), SUM(s.lines_added),"
          + " SUM(s.lines_removed),"
          + " SUM(CASE WHEN c.author_time >= ? THEN s.lines_added ELSE 0 END),"
          + " SUM(CASE WHEN c.author_time >= ? THEN s.lines_removed ELSE 0 END)"
          + " FROM "
          + FileChangeRows.STATS_TABLE
          + " s JOIN commits c ON c.seq = s.commit_seq"
          + " WHERE s.repo_id = ? GROUP BY 1";

  /** Ranks most commits first; a stable sort keeps the database's email order among ties. */
  private static final Comparator<Author> BY_COMMITS =
      Comparator.comparingLong(Author::commits).reversed();

  private static final Comparator<Author> BY_RECENT =
      Comparator.comparingLong(Author::recent).reversed();

  private final List<Author> authors;

  private AuthorCounts(List<Author> authors) {
    this.authors = authors;
  }

  /**
   * Reads the authors of repository {@code repo}, counting as recent the commits authored at or
   * after {@code since} (epoch seconds).
   */
  static AuthorCounts read(Connection c, long repo, long since) throws SQLException {
    List<Author> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(QUERY)) {
      ps.setLong(1, since);
      ps.setLong(2, since);
      ps.setLong(3, repo);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Author(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getString(4),
                  rs.getLong(5),
                  0,
                  0,
                  0,
                  0));
        }
      }
    }
    addLines(c, repo, since, out);
    return new AuthorCounts(out);
  }

  /**
   * Adds the lines each author added and removed, in all and since {@code since}, when the
   * repository was baked with line statistics; a second query, so that a repository without them
   * keeps the covering-index read alone.
   */
  private static void addLines(Connection c, long repo, long since, List<Author> authors)
      throws SQLException {
    Map<String, long[]> lines = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(LINES_QUERY)) {
      ps.setLong(1, since);
      ps.setLong(2, since);
      ps.setLong(3, repo);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.put(
              rs.getString(1),
              new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
        }
      }
    }
    if (lines.isEmpty()) {
      return;
    }
    authors.replaceAll(
        a -> {
          long[] l = lines.get(a.email());
          return l == null ? a : a.withLines(l[0], l[1], l[2], l[3]);
        });
  }

  /** Returns how many distinct author emails there are. */
  long distinct() {
    return authors.size();
  }

  /** Returns at most {@code limit} authors by commits, most first, ties by email. */
  List<RepositoryStats.Contributor> top(int limit) {
    List<Author> sorted = new ArrayList<>(authors);
    sorted.sort(BY_COMMITS);
    List<RepositoryStats.Contributor> out = new ArrayList<>();
    for (Author a : sorted.subList(0, Math.min(Math.max(limit, 0), sorted.size()))) {
      out.add(
          new RepositoryStats.Contributor(
              a.name(), a.email(), a.commits(), a.added(), a.removed()));
    }
    return out;
  }

  /**
   * Returns the authors with commits in the window, by commits in it, most first, ties by email.
   */
  List<RepositoryStats.Contributor> active() {
    List<Author> sorted = new ArrayList<>();
    for (Author a : authors) {
      if (a.recent() > 0) {
        sorted.add(a);
      }
    }
    sorted.sort(BY_RECENT);
    List<RepositoryStats.Contributor> out = new ArrayList<>();
    for (Author a : sorted) {
      out.add(
          new RepositoryStats.Contributor(
              a.recentName(), a.email(), a.recent(), a.recentAdded(), a.recentRemoved()));
    }
    return out;
  }

  /** Returns the smallest number of authors that together made half of {@code commits}. */
  long half(long commits) {
    List<Author> sorted = new ArrayList<>(authors);
    sorted.sort(BY_COMMITS);
    long before = 0;
    long count = 0;
    for (Author a : sorted) {
      if (before * 2 >= commits) {
        break;
      }
      before += a.commits();
      count++;
    }
    return count;
  }

  private record Author(
      String email,
      String name,
      long commits,
      @Nullable String recentNameOrNull,
      long recent,
      long added,
      long removed,
      long recentAdded,
      long recentRemoved) {
    Author withLines(long added, long removed, long recentAdded, long recentRemoved) {
      return new Author(
          email,
          name,
          commits,
          recentNameOrNull,
          recent,
          added,
          removed,
          recentAdded,
          recentRemoved);
    }

    String recentName() {
      return recentNameOrNull == null ? name : recentNameOrNull;
    }
  }
}
