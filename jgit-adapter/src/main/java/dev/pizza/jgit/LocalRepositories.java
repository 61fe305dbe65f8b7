package dev.pizza.jgit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Open handles of local repositories (read in place), kept between bakes so that polling a
 * repository does not re-read its configuration and re-create its ref database each time: at most
 * {@value #MAX_HANDLES}, the least recently used dropped first, and idle ones after ten minutes
 * (looked for whenever a handle is opened).
 *
 * <p>JGit counts the users of a {@link Repository}: the map holds one use, and every {@link #open}
 * hands out another that the caller closes; a handle is really closed when the map has dropped it
 * and the last caller is done. Thread safe.
 *
 * <p>A plain access-ordered map rather than a Caffeine cache: building the first Caffeine cache in
 * a JVM (its generated classes found by reflection, their method handles) costs a short bake such
 * as {@code pizza bake} of a small repository about 0.02 s of CPU, more than these few handles
 * need.
 */
final class LocalRepositories implements AutoCloseable {
  static final int MAX_HANDLES = 64;
  private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);

  private record Held(Repository repository, long lastUsed) {}

  private final Map<Path, Held> handles = new LinkedHashMap<>(16, 0.75f, true);

  /** Returns a use of the repository at {@code key}, built by {@code builder} if not held. */
  Repository open(Path key, FileRepositoryBuilder builder) throws IOException {
    List<Repository> dropped = new ArrayList<>();
    try {
      synchronized (handles) {
        long now = System.nanoTime();
        dropIdle(now, dropped);
        Held held = handles.get(key);
        Repository repository = held != null ? held.repository() : builder.build();
        handles.put(key, new Held(repository, now));
        // A use for the caller, taken while the map holds its own: no drop can close it between.
        repository.incrementOpen();
        dropOverflow(dropped);
        return repository;
      }
    } finally {
      closeAll(dropped);
    }
  }

  /** Drops the handle of {@code key}, for instance after it failed to read. */
  void forget(Path key) {
    Held held;
    synchronized (handles) {
      held = handles.remove(key);
    }
    if (held != null) {
      held.repository().close();
    }
  }

  @Override
  public void close() {
    List<Repository> dropped = new ArrayList<>();
    synchronized (handles) {
      for (Held held : handles.values()) {
        dropped.add(held.repository());
      }
      handles.clear();
    }
    closeAll(dropped);
  }

  private void dropIdle(long now, List<Repository> dropped) {
    // Access order: the least recently used first, so the idle ones lead.
    for (Iterator<Held> i = handles.values().iterator(); i.hasNext(); ) {
      Held held = i.next();
      if (now - held.lastUsed() < IDLE_NANOS) {
        return;
      }
      i.remove();
      dropped.add(held.repository());
    }
  }

  private void dropOverflow(List<Repository> dropped) {
    for (Iterator<Held> i = handles.values().iterator();
        handles.size() > MAX_HANDLES && i.hasNext(); ) {
      dropped.add(i.next().repository());
      i.remove();
    }
  }

  private static void closeAll(List<Repository> dropped) {
    for (Repository repository : dropped) {
      repository.close();
    }
  }
}
