package dev.pizza.jgit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where a local repository keeps its files: the git directory ({@code HEAD}, per-worktree state)
 * and the common directory ({@code config}, {@code objects}, {@code refs}, {@code packed-refs}),
 * which differ for a linked worktree. Found as git finds them: a bare repository, a work tree with
 * a {@code .git} directory, or one whose {@code .git} file says {@code gitdir: <path>}; a linked
 * worktree's git directory holds a file naming the common one.
 */
record GitDirectory(Path gitDir, Path commonDir) {

  /** Returns the repository at {@code dir}, or null if there is none. */
  static @Nullable GitDirectory locate(Path dir) throws IOException {
    Path dotGit = dir.resolve(".git");
    Path gitDir;
    if (Files.isDirectory(dotGit)) {
      gitDir = dotGit;
    } else if (Files.isRegularFile(dotGit)) {
      String text = readSmall(dotGit);
      if (!text.startsWith("gitdir:")) {
        return null;
      }
      gitDir = dir.resolve(text.substring("gitdir:".length()).strip()).normalize();
    } else if (Files.isRegularFile(dir.resolve("HEAD"))
        && Files.isDirectory(dir.resolve("objects"))) {
      gitDir = dir;
    } else {
      return null;
    }
    Path commonFile = gitDir.resolve("commondir");
    Path common = gitDir;
    if (Files.isRegularFile(commonFile)) {
      common = gitDir.resolve(readSmall(commonFile)).normalize();
    }
    return new GitDirectory(gitDir, common);
  }

  /**
   * The most a {@code .git} or {@code commondir} file may hold, git's bound for a {@code .git} file
   * ({@code setup.c}): they name a directory. Read whole, a sparse {@code .git} file of gigabytes
   * ran the heap out.
   */
  static final int MAX_POINTER_BYTES = 1 << 20;

  /** Returns the text of a file naming a directory, stripped; refuses one over the bound. */
  private static String readSmall(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_POINTER_BYTES + 1);
    }
    if (bytes.length > MAX_POINTER_BYTES) {
      throw new IOException(file + " holds over 1 MiB: too large to name a git directory");
    }
    return new String(bytes, StandardCharsets.UTF_8).strip();
  }

  Path objects() {
    return commonDir.resolve("objects");
  }

  boolean isShallow() {
    return Files.exists(commonDir.resolve("shallow"));
  }
}
