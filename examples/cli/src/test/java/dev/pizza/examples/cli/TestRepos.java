package dev.pizza.examples.cli;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** Builds small repositories with JGit: empty commits with chosen people, times and messages. */
final class TestRepos implements AutoCloseable {
  private final Git git;
  private long clock = 1_714_557_600L; // 2024-05-01T10:00:00Z

  private TestRepos(Git git) {
    this.git = git;
  }

  /** Creates a repository with a work tree at {@code dir}. */
  static TestRepos init(Path dir) throws Exception {
    return new TestRepos(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
  }

  /** Opens the repository with a work tree at {@code dir}. */
  static TestRepos open(Path dir) throws Exception {
    return new TestRepos(Git.open(dir.toFile()));
  }

  /** Creates a bare repository at {@code dir}. */
  static TestRepos initBare(Path dir) throws Exception {
    return new TestRepos(
        Git.init().setBare(true).setGitDir(dir.toFile()).setInitialBranch("main").call());
  }

  Git git() {
    return git;
  }

  /** Commits with author {@code name <email>} at the next second, UTC. */
  RevCommit commit(String name, String email, String message) throws Exception {
    return commit(
        new PersonIdent(name, email, Instant.ofEpochSecond(clock++), ZoneOffset.UTC), message);
  }

  /** Commits with {@code author} as author and committer. */
  RevCommit commit(PersonIdent author, String message) throws Exception {
    return git.commit()
        .setAllowEmpty(true)
        .setSign(false)
        .setAuthor(author)
        .setCommitter(author)
        .setMessage(message)
        .call();
  }

  /** Makes {@code n} commits by {@code email}. */
  void commits(int n, String email) throws Exception {
    for (int i = 0; i < n; i++) {
      commit("Person " + email, email, "change " + clock);
    }
  }

  File directory() {
    return git.getRepository().isBare()
        ? git.getRepository().getDirectory()
        : git.getRepository().getWorkTree();
  }

  @Override
  public void close() {
    git.close();
  }
}
