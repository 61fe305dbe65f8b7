package dev.pizza.examples.cli;

import dev.pizza.BakeResult;
import java.util.Locale;

/** The summary line {@code pizza bake} prints per repository. */
final class Summary {
  private Summary() {}

  /**
   * Returns e.g. {@code /src/app: 2 new, 40 total, 3 authors (read in place, 0.12 s)}; a bake that
   * resumed from an interrupted one says how many of the new commits that one had delivered, e.g.
   * {@code /src/app: 600 new, 1000 total, 1 author, resumed: 400 of 1000 already delivered (...)}.
   *
   * @param total the commits stored for the repository after the bake
   * @param authors the distinct author emails among them
   */
  static String line(BakeResult result, long total, long authors) {
    StringBuilder b = new StringBuilder();
    b.append(Echo.escape(result.repository().url()))
        .append(": ")
        .append(result.newCommits())
        .append(" new, ")
        .append(total)
        .append(" total, ")
        .append(authors)
        .append(authors == 1 ? " author" : " authors");
    if (result.retractedCommits() > 0) {
      b.append(", ").append(result.retractedCommits()).append(" retracted");
    }
    if (result.resumed()) {
      b.append(", resumed: ")
          .append(result.alreadyDelivered())
          .append(" of ")
          .append(result.alreadyDelivered() + result.newCommits())
          .append(" already delivered");
    }
    if (result.resynced()) {
      b.append(", resynced");
    }
    String how =
        switch (result.acquisition()) {
          case CLONED -> "cloned";
          case FETCHED -> "fetched";
          case READ_IN_PLACE -> "read in place";
        };
    return b.append(" (")
        .append(how)
        .append(", ")
        .append(String.format(Locale.ROOT, "%.2f s", result.timings().total().toNanos() / 1e9))
        .append(')')
        .toString();
  }
}
