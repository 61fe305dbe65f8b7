package dev.pizza.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The OS lock that gives one store at a time a root directory. The OS releases it when the process
 * dies, so a crash never leaves a stale lock behind.
 */
final class RootLock implements AutoCloseable {
  static final String FILE_NAME = "LOCK";

  private final FileChannel channel;
  private final FileLock lock;

  private RootLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock on {@code root}, or fails at once.
   *
   * @throws IllegalStateException if another store, in this process or another, holds it
   * @throws IOException if the lock file cannot be opened
   */
  static RootLock acquire(Path root) throws IOException {
    Path file = root.resolve(FILE_NAME);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      channel.close();
      throw inUse(root, "another store in this JVM has it open");
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw inUse(root, "another process has it open");
    }
    return new RootLock(channel, lock);
  }

  private static IllegalStateException inUse(Path root, String why) {
    return new IllegalStateException(
        "repository store root "
            + root
            + " is locked ("
            + FILE_NAME
            + "): "
            + why
            + "; one store per root at a time");
  }

  /** Releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
