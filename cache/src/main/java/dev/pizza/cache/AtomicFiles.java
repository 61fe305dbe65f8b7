package dev.pizza.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Atomic file replacement, the one copy pizza's modules use: write a temporary file, force it to
 * disk, rename it over the target, force the target's directory. A crash leaves either the old file
 * or the new one (and perhaps a stray temporary file named {@code TARGET.N.tmp}).
 */
public final class AtomicFiles {
  private static final AtomicLong TEMP_NAMES = new AtomicLong();

  private AtomicFiles() {}

  /** Writes a file's content to a stream. */
  @FunctionalInterface
  public interface Content {
    /** Writes the content to {@code out}; the caller closes it. */
    void writeTo(OutputStream out) throws IOException;
  }

  /** Replaces {@code target} with {@code data}; the temporary file is made in {@code tempDir}. */
  public static void replace(Path target, Path tempDir, byte[] data) throws IOException {
    replace(target, tempDir, out -> out.write(data));
  }

  /**
   * Replaces {@code target} with what {@code content} writes; the temporary file is made in {@code
   * tempDir} (on the same file system as {@code target}) and deleted if anything fails.
   */
  public static void replace(Path target, Path tempDir, Content content) throws IOException {
    Path temp = tempDir.resolve(target.getFileName() + "." + TEMP_NAMES.incrementAndGet() + ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        content.writeTo(Channels.newOutputStream(ch));
        ch.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      FileOps.fsyncDirectory(target.toAbsolutePath().getParent());
    } finally {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    }
  }
}
