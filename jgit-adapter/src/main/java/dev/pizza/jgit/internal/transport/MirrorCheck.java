package dev.pizza.jgit.internal.transport;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectDatabase;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/** Checks that a mirror is still usable after a failed fetch. */
public final class MirrorCheck {
  private MirrorCheck() {}

  /** Returns whether every ref of {@code repository} names an object it has. */
  public static boolean refsResolve(Repository repository) {
    try {
      ObjectDatabase db = repository.getObjectDatabase();
      for (Ref ref : repository.getRefDatabase().getRefs()) {
        ObjectId id = ref.getObjectId();
        if (id != null && !db.has(id)) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
