package dev.pizza.jgit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A native git work tree as the line-statistics tests build theirs: files written, then everything
 * added and committed by git itself, in the clean environment of {@link GitNumstat}.
 */
final class WorkTrees {
  private WorkTrees() {}

  /** Writes {@code content} to {@code path} below {@code repo}, creating its directories. */
  static void write(Path repo, String path, String content) throws Exception {
    Path p = repo.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  /** Adds everything in {@code repo} and commits it as author and committer T. */
  static void commit(Path repo, String message) throws Exception {
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=T", "-c", "user.email=t@x", "commit", "-q", "-m", message);
  }

  /** Runs native git in {@code dir} and returns its output. */
  static String git(Path dir, String... args) throws Exception {
    return NativeGit.run(GitNumstat.CLEAN_ENV, dir, args);
  }
}
