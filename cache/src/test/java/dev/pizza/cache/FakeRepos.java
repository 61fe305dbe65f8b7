package dev.pizza.cache;

import dev.pizza.RepositoryId;
import dev.pizza.RepositoryUrl;
import dev.pizza.errors.InvalidRepositoryUrlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Fake bare repositories for tests: HEAD, objects/, refs/ and a payload file of a chosen size. */
final class FakeRepos {
  static final String HEAD = "ref: refs/heads/main\n";
  static final String PAYLOAD = "payload";

  private FakeRepos() {}

  /** The measured size of a fake repository with {@code payload} payload bytes. */
  static long sizeWith(long payload) {
    return HEAD.length() + payload;
  }

  static RepositoryId id(String url) {
    try {
      return RepositoryUrl.parse(url).id();
    } catch (InvalidRepositoryUrlException e) {
      throw new AssertionError(e);
    }
  }

  static RepositoryId id(int n) {
    return id("https://example.com/repos/r" + n);
  }

  /** Writes a fake bare repository into {@code dir}. */
  static void write(Path dir, long payload) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("HEAD"), HEAD);
    Files.createDirectories(dir.resolve("objects/pack"));
    Files.createDirectories(dir.resolve("refs/heads"));
    Files.write(dir.resolve(PAYLOAD), new byte[(int) payload]);
  }

  /** Appends {@code extra} bytes to the payload, as a fetch would grow the repository. */
  static void grow(Path dir, long extra) throws IOException {
    Files.write(dir.resolve(PAYLOAD), new byte[(int) extra], StandardOpenOption.APPEND);
  }

  /** A loader writing a fake repository of {@code payload} bytes, counting its calls. */
  static RepositoryLoader loader(long payload, AtomicInteger calls) {
    return (dir, budget) -> {
      calls.incrementAndGet();
      try {
        write(dir, payload);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Map.of("payload", Long.toString(payload));
    };
  }

  static RepositoryLoader loader(long payload) {
    return loader(payload, new AtomicInteger());
  }

  /** A loader that fails the test if called. */
  static RepositoryLoader noLoad() {
    return (dir, budget) -> {
      throw new AssertionError("expected a hit, but the loader was called for " + dir);
    };
  }

  /**
   * A simulated file system of {@code capacity} bytes holding only the store: free space is the
   * capacity less the repository files (HEAD and payload) anywhere under the root.
   */
  static FreeSpace disk(long capacity) {
    return root -> capacity - repositoryBytes(root);
  }

  static long repositoryBytes(Path root) throws IOException {
    AtomicLong sum = new AtomicLong();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String name = file.getFileName().toString();
            if (name.equals("HEAD") || name.equals(PAYLOAD)) {
              sum.addAndGet(attrs.size());
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof java.nio.file.NoSuchFileException) {
              return FileVisitResult.CONTINUE; // deleted while walking
            }
            throw e;
          }
        });
    return sum.get();
  }

  static void deleteTree(Path p) {
    try {
      FileOps.deleteTree(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
