package dev.pizza.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pizza.examples.service.StatsJson;
import dev.pizza.jdbc.RepositoryStats;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Prints a repository's {@link RepositoryStats}: as text for a person, or as one JSON object. */
final class StatsReport {
  /** The widest bar of the commits-per-month chart, in characters. */
  static final int BAR_WIDTH = 40;

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatsReport() {}

  /**
   * Prints the insights as text: figures, then the months with a bar chart, then people, then the
   * most changed files.
   */
  static void text(String url, RepositoryStats s, PrintStream out) {
    out.println(Echo.escape(url));
    row(out, "commits", s.commits() + " (" + s.merges() + " merges)");
    row(out, "authors", Long.toString(s.authors()));
    row(out, "committers", Long.toString(s.committers()));
    row(out, "co-authors", Long.toString(s.coAuthors()));
    row(out, "first commit", s.firstCommit().map(Instant::toString).orElse("-"));
    row(out, "last commit", s.lastCommit().map(Instant::toString).orElse("-"));
    row(
        out,
        "half of the commits by",
        s.halfCommitAuthors() + plural(s.halfCommitAuthors(), " author"));
    row(
        out,
        "active, last 90 days",
        s.activeContributors().size() + plural(s.activeContributors().size(), " contributor"));
    out.println();
    out.println("commits per month");
    long most =
        s.commitsPerMonth().stream().mapToLong(RepositoryStats.MonthCount::commits).max().orElse(0);
    for (RepositoryStats.MonthCount m : s.commitsPerMonth()) {
      int bar =
          most == 0 ? 0 : (int) Math.max(1, Math.round((double) m.commits() * BAR_WIDTH / most));
      out.printf(Locale.ROOT, "  %s %8d %s%n", m.month(), m.commits(), "#".repeat(bar));
    }
    people(out, "top contributors", s.topContributors());
    people(out, "active in the last 90 days", s.activeContributors());
    files(out, s.mostChangedFiles());
  }

  private static void row(PrintStream out, String name, String value) {
    out.printf(Locale.ROOT, "  %-24s %s%n", name, value);
  }

  private static String plural(long n, String word) {
    return n == 1 ? word : word + "s";
  }

  private static void people(
      PrintStream out, String title, List<RepositoryStats.Contributor> people) {
    out.println();
    out.println(title);
    if (people.isEmpty()) {
      out.println("  (none)");
    }
    for (RepositoryStats.Contributor c : people) {
      String lines =
          c.linesAdded() + c.linesRemoved() == 0
              ? ""
              : String.format(Locale.ROOT, "  (+%d -%d)", c.linesAdded(), c.linesRemoved());
      out.printf(
          Locale.ROOT,
          "  %8d %s <%s>%s%n",
          c.commits(),
          Echo.escape(c.name()),
          Echo.escape(c.email()),
          lines);
    }
  }

  private static void files(PrintStream out, List<RepositoryStats.ChangedFile> files) {
    out.println();
    out.println("most changed files (commits, lines added and removed)");
    if (files.isEmpty()) {
      out.println("  (none: bake with --line-stats to count them)");
    }
    for (RepositoryStats.ChangedFile f : files) {
      out.printf(
          Locale.ROOT,
          "  %8d %s  (+%d -%d)%n",
          f.commits(),
          Echo.escape(f.path()),
          f.linesAdded(),
          f.linesRemoved());
    }
  }

  /** Prints the insights as one JSON object on one line. */
  static void json(String url, RepositoryStats s, PrintStream out) throws IOException {
    out.println(JSON.writeValueAsString(StatsJson.of(url, s)));
  }
}
