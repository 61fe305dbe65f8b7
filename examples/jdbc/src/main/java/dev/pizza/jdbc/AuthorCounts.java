package dev.pizza.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The commits of each author of a repository (identities through the mailmap), in all and within
 * the activity window, read by one grouping query that the index {@code commits_by_author} answers
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
                  rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5)));
        }
      }
    }
    return new AuthorCounts(out);
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
      out.add(new RepositoryStats.Contributor(a.name(), a.email(), a.commits()));
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
      out.add(new RepositoryStats.Contributor(a.recentName(), a.email(), a.recent()));
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
      String email, String name, long commits, @Nullable String recentNameOrNull, long recent) {
    String recentName() {
      return recentNameOrNull == null ? name : recentNameOrNull;
    }
  }
}
