package dev.pizza.jgit;

import dev.pizza.CommitId;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/** The test oracle: every commit reachable from branches and tags, by JGit's RevWalk. */
public final class Reachable {
  private Reachable() {}

  public static Set<CommitId> fromBranchesAndTags(Repository repository) throws IOException {
    Set<CommitId> out = new HashSet<>();
    try (RevWalk walk = new RevWalk(repository)) {
      for (Ref ref :
          repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, Constants.R_TAGS)) {
        RevObject o = walk.peel(walk.parseAny(ref.getObjectId()));
        if (o instanceof RevCommit c) {
          walk.markStart(c);
        }
      }
      for (RevCommit c : walk) {
        out.add(CommitId.of(c.name()));
      }
    }
    return out;
  }

  /** Returns every commit reachable from {@code tips}. */
  public static Set<CommitId> from(Repository repository, Iterable<CommitId> tips)
      throws IOException {
    Set<CommitId> out = new HashSet<>();
    try (RevWalk walk = new RevWalk(repository)) {
      for (CommitId tip : tips) {
        walk.markStart(walk.parseCommit(ObjectId.fromString(tip.hex())));
      }
      for (RevCommit c : walk) {
        out.add(CommitId.of(c.name()));
      }
    }
    return out;
  }

  static CommitId id(ObjectId id) {
    return CommitId.of(id.name());
  }
}
