package dev.pizza.jdbc;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * What an insights user asks first about a repository, computed by SQL over its stored commits.
 * People are told apart by email address, as mapped by the mailmap (see {@link
 * dev.pizza.CommitRecord}): the repository's {@code .mailmap} and the host's merge the identities
 * one person used.
 *
 * @param commits stored commits
 * @param merges stored commits with two or more parents
 * @param authors distinct (mapped) author emails
 * @param committers distinct (mapped) committer emails
 * @param coAuthors distinct (mapped) co-author emails (from {@code Co-authored-by} trailers)
 * @param firstCommit the earliest committer time
 * @param lastCommit the latest committer time
 * @param commitsPerMonth commits per month of committer time (UTC), oldest first, months without
 *     commits left out
 * @param topContributors authors by commits, most first (ties by email), at most the limit asked,
 *     with the lines they added and removed
 * @param activeContributors authors with a commit authored in the 90 days before the given moment,
 *     by commits in that window, most first
 * @param halfCommitAuthors the smallest number of authors that together made half of the commits (0
 *     when there are none)
 * @param mostChangedFiles the paths changed by the most commits, at most as many as {@code
 *     topContributors} may hold: by commits, most first, then by lines added and removed, most
 *     first, then by path (byte order); empty when the repository was not baked with line
 *     statistics
 */
public record RepositoryStats(
    long commits,
    long merges,
    long authors,
    long committers,
    long coAuthors,
    Optional<Instant> firstCommit,
    Optional<Instant> lastCommit,
    List<MonthCount> commitsPerMonth,
    List<Contributor> topContributors,
    List<Contributor> activeContributors,
    long halfCommitAuthors,
    List<ChangedFile> mostChangedFiles) {

  /** Makes the lists immutable copies. */
  public RepositoryStats {
    commitsPerMonth = List.copyOf(commitsPerMonth);
    topContributors = List.copyOf(topContributors);
    activeContributors = List.copyOf(activeContributors);
    mostChangedFiles = List.copyOf(mostChangedFiles);
  }

  /**
   * The commits of one month.
   *
   * @param month the month (UTC)
   * @param commits commits whose committer time falls in it
   */
  public record MonthCount(YearMonth month, long commits) {}

  /**
   * An author and how many commits they made.
   *
   * @param name a (mapped) name the author used (the greatest, when several)
   * @param email the (mapped) email that identifies the author
   * @param commits commits authored
   * @param linesAdded lines added by those commits, over the commits stored with line statistics (0
   *     when none were)
   * @param linesRemoved lines removed by them, likewise
   */
  public record Contributor(
      String name, String email, long commits, long linesAdded, long linesRemoved) {

    /** A contributor without line statistics. */
    public Contributor(String name, String email, long commits) {
      this(name, email, commits, 0, 0);
    }
  }

  /**
   * A path and how much the commits stored with line statistics changed it. Binary files and files
   * past the line diff's cut-off count their commits but no lines.
   *
   * @param path the path after the change, {@code /}-separated (a rename counts for its new path)
   * @param commits commits that changed the path
   * @param linesAdded lines those commits added to it
   * @param linesRemoved lines they removed from it
   */
  public record ChangedFile(String path, long commits, long linesAdded, long linesRemoved) {}
}
