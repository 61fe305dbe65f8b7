package dev.pizza.jgit.internal.transport;

import dev.pizza.errors.PizzaException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link GrowthCheck} as the pack a clone receives grows, on the transfer's own thread.
 *
 * <p>JGit reports each object it receives to {@link TransferProgress}, which calls {@link
 * #objectReceived()} for every progress update (received objects, and the server's own progress
 * lines before them); every {@value #EVERY_OBJECTS} updates this reads the size of the incoming
 * pack ({@code objects/incoming_*.pack}, found once, then a single file size), and each time it has
 * grown by {@value #STEP_BYTES} bytes since the last check it runs the check; and once more when
 * JGit ends a task (receiving the objects), so the whole pack is checked before the clone goes on.
 * So the check's cost is one directory walk per MiB received, and the data on disk exceeds what was
 * last checked by at most about a MiB and sixteen objects. A failed check is kept: {@link
 * #stopped()} turns true, JGit polls it through {@link TransferProgress#isCancelled()} and gives up
 * at the next object, and {@link RemoteMirror} throws the kept failure instead of JGit's
 * "cancelled". Used by one transfer thread; {@link #failure()} may be read from any.
 */
final class PackGrowth {
  static final int EVERY_OBJECTS = 16;
  static final long STEP_BYTES = 1L << 20;

  private final Path objects;
  private final GrowthCheck check;
  private @Nullable Path pack;
  private long checkedAt;
  private int objectsSeen;
  private volatile @Nullable PizzaException failure;

  PackGrowth(Path objects, GrowthCheck check) {
    this.objects = objects;
    this.check = check;
  }

  /** Called for each object received; measures and checks now and then (see the class). */
  void objectReceived() {
    if (++objectsSeen % EVERY_OBJECTS == 0) {
      check(STEP_BYTES);
    }
  }

  /**
   * Called when JGit ends a task (receiving objects, resolving deltas): checks what the pack holds
   * then if it grew at all, so that the whole pack is checked before the clone goes on.
   */
  void taskEnded() {
    check(1);
  }

  private void check(long minGrowth) {
    if (failure != null) {
      return;
    }
    long bytes = incomingBytes();
    if (bytes - checkedAt < minGrowth) {
      return;
    }
    checkedAt = bytes;
    try {
      check.check();
    } catch (PizzaException e) {
      failure = e;
    }
  }

  /** Returns whether a check failed: the transfer must stop. */
  boolean stopped() {
    return failure != null;
  }

  /** Returns the failed check's exception, or null. */
  @Nullable PizzaException failure() {
    return failure;
  }

  private long incomingBytes() {
    Path p = pack;
    if (p == null) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(objects, "incoming_*.pack")) {
        for (Path f : files) {
          p = f;
        }
      } catch (IOException e) {
        return checkedAt;
      }
      if (p == null) {
        return checkedAt;
      }
      pack = p;
      checkedAt = 0; // A new pack: its growth counts from its start.
    }
    try {
      return Files.size(p);
    } catch (NoSuchFileException e) {
      pack = null; // Renamed into place, or a new pack begins: look again next time.
      return checkedAt;
    } catch (IOException e) {
      return checkedAt;
    }
  }
}
