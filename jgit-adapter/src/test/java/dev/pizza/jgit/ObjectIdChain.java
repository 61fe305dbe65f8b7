package dev.pizza.jgit;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;

/** Grows simple linear histories in test repositories. */
final class ObjectIdChain {
  private ObjectIdChain() {}

  /** Commits {@code n} commits in a line on main, dated from {@code firstDate}; returns the tip. */
  static ObjectId line(TestRepository r, int n, long firstDate) throws IOException {
    ObjectId c = null;
    for (int i = 0; i < n; i++) {
      c = c == null ? r.commit(firstDate + i) : r.commit(firstDate + i, c);
    }
    r.branch("main", c);
    return c;
  }
}
