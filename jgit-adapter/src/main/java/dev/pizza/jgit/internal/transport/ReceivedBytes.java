package dev.pizza.jgit.internal.transport;

import dev.pizza.ProgressListener;
import dev.pizza.RepositoryId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Bytes received so far by a fetch, read from the size of the pack JGit is writing ({@code
 * objects/incoming_*.pack}), since JGit's progress counts only objects. Polled by the {@link
 * TransferWatchdog}: a growing pack is reported to the listener, and counts as a sign of life even
 * while no object completes (one large object). Not thread safe.
 */
public final class ReceivedBytes {
  public static final String TASK = "Receiving bytes";

  private final Path objects;
  private final RepositoryId repository;
  private final ProgressListener listener;
  private final long packedBefore;
  private long reported;

  /** Starts counting: the packs already present are not part of this fetch. */
  ReceivedBytes(Path objects, RepositoryId repository, ProgressListener listener) {
    this.objects = objects;
    this.repository = repository;
    this.listener = listener;
    this.packedBefore = sizeOf(objects.resolve("pack"), "pack-*.pack");
  }

  /**
   * Reports the bytes of the packs the finished fetch added, once the incoming pack is in place.
   */
  void finish() {
    long added = sizeOf(objects.resolve("pack"), "pack-*.pack") - packedBefore;
    if (added > reported) {
      reported = added;
      listener.transfer(repository, TASK, added, added);
    }
  }

  /** Measures the incoming pack; returns whether it grew since the last poll. */
  boolean poll() {
    long bytes = sizeOf(objects, "incoming_*.pack");
    if (bytes <= reported) {
      return false;
    }
    reported = bytes;
    listener.transfer(repository, TASK, bytes, 0);
    return true;
  }

  private static long sizeOf(Path dir, String glob) {
    long bytes = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
      for (Path p : files) {
        try {
          bytes += Files.size(p);
        } catch (NoSuchFileException e) {
          // Renamed or removed meanwhile.
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return bytes;
  }
}
