package dev.pizza.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pizza.jdbc.RepositoryStats;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Prints a repository's {@link RepositoryStats}: as text for a person, or as one JSON object. */
final class StatsReport {
  /** The widest bar of the commits-per-month chart, in characters. */
  static final int BAR_WIDTH = 40;

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatsReport() {}

  /** Prints the insights as text: figures, then the months with a bar chart, then people. */
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
      out.printf(
          Locale.ROOT,
          "  %8d %s <%s>%n",
          c.commits(),
          Echo.escape(c.name()),
          Echo.escape(c.email()));
    }
  }

  /** Prints the insights as one JSON object on one line. */
  static void json(String url, RepositoryStats s, PrintStream out) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("url", url);
    o.put("commits", s.commits());
    o.put("merges", s.merges());
    o.put("authors", s.authors());
    o.put("committers", s.committers());
    o.put("coAuthors", s.coAuthors());
    o.put("firstCommit", time(s.firstCommit()));
    o.put("lastCommit", time(s.lastCommit()));
    ArrayNode months = o.putArray("commitsPerMonth");
    for (RepositoryStats.MonthCount m : s.commitsPerMonth()) {
      months.addObject().put("month", m.month().toString()).put("commits", m.commits());
    }
    contributors(o.putArray("topContributors"), s.topContributors());
    contributors(o.putArray("activeContributors"), s.activeContributors());
    o.put("halfCommitAuthors", s.halfCommitAuthors());
    out.println(JSON.writeValueAsString(o));
  }

  private static @Nullable String time(Optional<Instant> t) {
    return t.map(Instant::toString).orElse(null);
  }

  private static void contributors(ArrayNode array, List<RepositoryStats.Contributor> people) {
    for (RepositoryStats.Contributor c : people) {
      array.addObject().put("name", c.name()).put("email", c.email()).put("commits", c.commits());
    }
  }
}
