package dev.pizza.examples.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pizza.jdbc.RepositoryStats;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A repository's insights ({@link RepositoryStats}) as JSON: what {@code pizza stats --json} prints
 * and {@code GET /repos/{key}/stats} answers, one mapping for both.
 */
public final class StatsJson {
  private StatsJson() {}

  /** Returns the insights of the repository at {@code url} as a JSON object. */
  public static ObjectNode of(String url, RepositoryStats s) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
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
    ArrayNode files = o.putArray("mostChangedFiles");
    for (RepositoryStats.ChangedFile f : s.mostChangedFiles()) {
      files
          .addObject()
          .put("path", f.path())
          .put("commits", f.commits())
          .put("added", f.linesAdded())
          .put("removed", f.linesRemoved());
    }
    return o;
  }

  private static @Nullable String time(Optional<Instant> t) {
    return t.map(Instant::toString).orElse(null);
  }

  private static void contributors(ArrayNode array, List<RepositoryStats.Contributor> people) {
    for (RepositoryStats.Contributor c : people) {
      array
          .addObject()
          .put("name", c.name())
          .put("email", c.email())
          .put("commits", c.commits())
          .put("linesAdded", c.linesAdded())
          .put("linesRemoved", c.linesRemoved());
    }
  }
}
