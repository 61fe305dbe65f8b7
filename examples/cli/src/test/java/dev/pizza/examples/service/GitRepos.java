package dev.pizza.examples.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Real git repositories for the tests, made with JGit: commits on main, and the reachable set. */
final class GitRepos {
  private GitRepos() {}

  /** Creates a repository at {@code dir} with {@code commits} commits on main. */
  static void create(Path dir, int commits) throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      addCommits(git, commits);
    }
  }

  /** Adds {@code commits} empty commits to the repository at {@code dir}. */
  static synchronized void addCommits(Path dir, int commits) throws Exception {
    try (Git git = Git.open(dir.toFile())) {
      addCommits(git, commits);
    }
  }

  private static void addCommits(Git git, int commits) throws Exception {
    for (int i = 0; i < commits; i++) {
      PersonIdent who = new PersonIdent("Author " + (i % 3), "author" + (i % 3) + "@example.com");
      git.commit()
          .setAllowEmpty(true)
          .setSign(false)
          .setMessage("commit " + i + " " + System.nanoTime())
          .setAuthor(who)
          .setCommitter(who)
          .call();
    }
  }

  /** Returns the ids of every commit reachable from the repository's branches and tags. */
  static Set<String> reachable(Path dir) throws IOException {
    Set<String> out = new HashSet<>();
    try (Git git = Git.open(dir.toFile());
        RevWalk walk = new RevWalk(git.getRepository())) {
      Repository repo = git.getRepository();
      for (Ref ref : repo.getRefDatabase().getRefs()) {
        ObjectId id = ref.getObjectId();
        if (id != null && ref.getName().startsWith("refs/")) {
          walk.markStart(walk.parseCommit(id));
        }
      }
      for (RevCommit c : walk) {
        out.add(c.name());
      }
    }
    return out;
  }
}
