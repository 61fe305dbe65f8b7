package dev.pizza.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The OS lock a bake holds on its data directory ({@value #FILE_NAME}), so that two bakes into one
 * directory run one after the other. The OS releases it when the process dies.
 */
final class DataDirectoryLock implements AutoCloseable {
  static final String FILE_NAME = "pizza.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock on {@code dir} (created if missing), waiting up to {@code limit} for it. */
  static DataDirectoryLock acquire(Path dir, Duration limit, PrintStream err) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE_NAME);
    return LockWait.await(
        "the data directory " + Echo.escape(dir.toString()), limit, err, () -> tryOnce(file));
  }

  private static @Nullable DataDirectoryLock tryOnce(Path file) throws IOException {
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      return null;
    }
    return new DataDirectoryLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
