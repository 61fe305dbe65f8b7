package dev.pizza.jgit.internal.transport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectDatabase;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.TrackingRefUpdate;

/**
 * Reads what a fetch did to the mirror's refs. JGit's fetch does not fail when it cannot move a ref
 * (for instance because the object it names was not sent): it reports it per ref, and on a file
 * repository the whole batch is refused. A treeless fetch meets this with tags of trees or blobs,
 * whose objects the filter leaves out.
 */
final class RefOutcome {
  private RefOutcome() {}

  /** Returns the local names of the refs the fetch could not update. */
  static List<String> refused(FetchResult result) {
    List<String> out = new ArrayList<>();
    for (TrackingRefUpdate u : result.getTrackingRefUpdates()) {
      switch (u.getResult()) {
        case NEW, FORCED, FAST_FORWARD, NO_CHANGE, RENAMED -> {}
        default -> out.add(u.getLocalName());
      }
    }
    return out;
  }

  /**
   * Returns the advertised branches and tags that name, directly or through annotated tags, an
   * object the repository does not have: after a treeless fetch, the refs of trees and blobs.
   */
  static List<String> withMissingTargets(Repository repository, FetchResult result)
      throws IOException {
    List<String> out = new ArrayList<>();
    ObjectDatabase db = repository.getObjectDatabase();
    try (ObjectReader reader = repository.newObjectReader()) {
      for (Ref ref : result.getAdvertisedRefs()) {
        String name = ref.getName();
        if (!name.startsWith(Constants.R_HEADS) && !name.startsWith(Constants.R_TAGS)) {
          continue;
        }
        ObjectId id = ref.getObjectId();
        if (id != null && targetMissing(db, reader, id)) {
          out.add(name);
        }
      }
    }
    return out;
  }

  private static boolean targetMissing(ObjectDatabase db, ObjectReader reader, ObjectId start)
      throws IOException {
    ObjectId id = start;
    for (int depth = 0; depth < 16; depth++) {
      if (!db.has(id)) {
        return true;
      }
      ObjectLoader loader = reader.open(id);
      if (loader.getType() != Constants.OBJ_TAG) {
        return false;
      }
      id = RevTag.parse(loader.getCachedBytes()).getObject().copy();
    }
    return false;
  }

  /** Deletes {@code names} from the repository where present. */
  static void delete(Repository repository, List<String> names) throws IOException {
    for (String name : names) {
      if (repository.exactRef(name) != null) {
        RefUpdate u = repository.updateRef(name);
        u.setForceUpdate(true);
        u.disableRefLog();
        u.delete();
      }
    }
  }
}
