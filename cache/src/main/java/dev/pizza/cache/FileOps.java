package dev.pizza.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The file operations the store is built from: atomic writes, fsync, measuring and deleting trees.
 */
final class FileOps {
  private FileOps() {}

  /**
   * Replaces {@code target} with {@code data} atomically ({@link AtomicFiles}); a stray temp file a
   * crash leaves in {@code tempDir} is deleted by the next open.
   */
  static void writeAtomically(Path target, Path tempDir, byte[] data) throws IOException {
    AtomicFiles.replace(target, tempDir, data);
  }

  /** Renames {@code from} to {@code to} atomically and fsyncs both parent directories. */
  static void moveAtomically(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    fsyncDirectory(to.toAbsolutePath().getParent());
    Path fromParent = from.toAbsolutePath().getParent();
    if (fromParent != null && !fromParent.equals(to.toAbsolutePath().getParent())) {
      fsyncDirectory(fromParent);
    }
  }

  /**
   * Flushes a directory's entries (the renames in it) to disk. Platforms that cannot open a
   * directory for this (Windows) are skipped: there a rename is as durable as the OS makes it.
   */
  static void fsyncDirectory(@Nullable Path dir) throws IOException {
    if (dir == null) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
      // Opening a directory is not supported here; nothing more can be done portably.
    }
  }

  /**
   * Returns the sum of the sizes of the regular files under {@code dir}. Files that vanish while
   * walking (a concurrent gc) are skipped.
   */
  static long sizeOf(Path dir) throws IOException {
    AtomicLong sum = new AtomicLong();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              sum.addAndGet(attrs.size());
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
    return sum.get();
  }

  /** Deletes {@code path} and everything under it; does nothing if it does not exist. */
  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e)
              throws IOException {
            if (e != null) {
              throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Deletes everything inside {@code dir}, keeping {@code dir}. */
  static void emptyDirectory(Path dir) throws IOException {
    try (var children = Files.list(dir)) {
      for (Path child : children.toList()) {
        deleteTree(child);
      }
    }
  }

  /** Returns whether {@code dir} holds a complete bare repository: HEAD, objects/ and refs/. */
  static boolean isCompleteBareRepository(Path dir) {
    return Files.isRegularFile(dir.resolve("HEAD"))
        && Files.isDirectory(dir.resolve("objects"))
        && Files.isDirectory(dir.resolve("refs"));
  }
}
