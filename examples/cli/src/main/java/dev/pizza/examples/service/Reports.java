package dev.pizza.examples.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The answer to a {@code wait} bake: one repository's report as the body (200 when baked, else the
 * failure's status with its message), or, for several, {@code {"results": [...]}} with the status
 * of the first that did not bake.
 */
final class Reports {
  private Reports() {}

  static Answer answer(List<BakeReport> reports) {
    int status = 200;
    String message = null;
    ArrayNode results = Answer.JSON.createArrayNode();
    for (BakeReport r : reports) {
      results.add(json(r));
      if (status == 200 && !(r instanceof BakeReport.Baked)) {
        status = statusOf(r);
        message = results.get(results.size() - 1).path("message").asText();
      }
    }
    if (reports.size() == 1) {
      return retry(Answer.json(status, (ObjectNode) results.get(0)));
    }
    ObjectNode o = Answer.object();
    if (message != null) {
      o.put("message", message);
    }
    o.set("results", results);
    return retry(Answer.json(status, o));
  }

  private static Answer retry(Answer a) {
    return a.status() == 503 ? a.withHeader("Retry-After", "5") : a;
  }

  private static int statusOf(BakeReport r) {
    if (r instanceof BakeReport.Failed f) {
      return f.status();
    }
    return 503;
  }

  static ObjectNode json(BakeReport r) {
    ObjectNode o = Answer.object().put("url", r.url()).put("key", r.key());
    if (r instanceof BakeReport.Baked b) {
      o.put("outcome", "baked")
          .put("newCommits", b.newCommits())
          .put("retractedCommits", b.retractedCommits())
          .put("resynced", b.resynced())
          .put("totalCommits", b.totalCommits())
          .put("millis", b.millis());
    } else if (r instanceof BakeReport.Failed f) {
      o.put("outcome", "failed").put("kind", f.kind()).put("message", f.message());
    } else {
      o.put("outcome", "postponed")
          .put("message", "the service is stopping; the bake resumes when it restarts");
    }
    return o;
  }
}
