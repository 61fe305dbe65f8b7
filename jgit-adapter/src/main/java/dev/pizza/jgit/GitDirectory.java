package dev.pizza.jgit;

import java.io.IOException;
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
      String text = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
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
      common =
          gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).strip()).normalize();
    }
    return new GitDirectory(gitDir, common);
  }

  Path objects() {
    return commonDir.resolve("objects");
  }

  boolean isShallow() {
    return Files.exists(commonDir.resolve("shallow"));
  }
}
