package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pizza.CommitId;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A bare repository the test writes with native git: commits on the empty tree, refs, gc. */
final class GitRepo {
  static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
  final Path dir;

  private GitRepo(Path dir) {
    this.dir = dir;
  }

  /** Creates a bare repository at {@code dir}; skips the test when git is not installed. */
  static GitRepo init(Path dir) throws Exception {
    boolean installed;
    try {
      installed = new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      installed = false;
    }
    assumeTrue(installed, "native git is needed to build test repositories");
    run(null, dir.getParent(), null, "init", "-q", "--bare", dir.toString());
    GitRepo repo = new GitRepo(dir);
    String tree = repo.git(null, "hash-object", "-w", "-t", "tree", "--stdin").strip();
    assertThat(tree).isEqualTo(EMPTY_TREE);
    return repo;
  }

  /** Returns where a bake reads it from. */
  String url() {
    return dir.toString();
  }

  /**
   * Writes a commit and returns its id.
   *
   * @param author "Name <email>"
   * @param time epoch seconds
   * @param offset as git writes it, such as {@code +0530}
   */
  String commit(String author, long time, String offset, String message, String... parents)
      throws Exception {
    return commitTree(EMPTY_TREE, author, time, offset, message, parents);
  }

  /** Writes a flat tree of text files, name to content, and returns its id. */
  String tree(Map<String, String> files) throws Exception {
    StringBuilder entries = new StringBuilder();
    for (Map.Entry<String, String> f : new java.util.TreeMap<>(files).entrySet()) {
      String blob = git(f.getValue(), "hash-object", "-w", "--stdin").strip();
      entries.append("100644 blob ").append(blob).append('\t').append(f.getKey()).append('\n');
    }
    return git(entries.toString(), "mktree").strip();
  }

  /** Writes a commit of {@code tree}; see {@link #commit}. */
  String commitTree(
      String tree, String author, long time, String offset, String message, String... parents)
      throws Exception {
    String name = author.substring(0, author.indexOf('<')).strip();
    String email = author.substring(author.indexOf('<') + 1, author.indexOf('>'));
    String date = "@" + time + " " + offset;
    Map<String, String> env =
        Map.of(
            "GIT_AUTHOR_NAME",
            name,
            "GIT_AUTHOR_EMAIL",
            email,
            "GIT_AUTHOR_DATE",
            date,
            "GIT_COMMITTER_NAME",
            "Committer " + name,
            "GIT_COMMITTER_EMAIL",
            "c-" + email,
            "GIT_COMMITTER_DATE",
            "@" + (time + 60) + " +0000");
    String[] args = new String[2 + parents.length * 2];
    args[0] = "commit-tree";
    args[1] = tree;
    for (int i = 0; i < parents.length; i++) {
      args[2 + i * 2] = "-p";
      args[3 + i * 2] = parents[i];
    }
    // commit-tree reads the message from stdin when no -m is given.
    return run(env, dir, message, args).strip();
  }

  /** Writes a chain of {@code n} commits on {@code parent} (or a new root) and returns the tip. */
  String chain(String parent, int n, long t0, String prefix) throws Exception {
    String tip = parent;
    for (int i = 0; i < n; i++) {
      String message = prefix + " " + i + "\n";
      tip =
          tip == null
              ? commit("Dev <dev@example.com>", t0 + i * 3600L, "+0000", message)
              : commit("Dev <dev@example.com>", t0 + i * 3600L, "+0000", message, tip);
    }
    return tip;
  }

  void branch(String name, String id) throws Exception {
    git(null, "update-ref", "refs/heads/" + name, id);
  }

  void tag(String name, String id) throws Exception {
    git(null, "update-ref", "refs/tags/" + name, id);
  }

  /** Forgets unreachable objects, as a server does after a force-push and gc. */
  void prune() throws Exception {
    git(null, "reflog", "expire", "--expire=now", "--all");
    git(null, "gc", "-q", "--prune=now");
  }

  /** Returns the commits reachable from branches and tags. */
  Set<CommitId> reachable() throws Exception {
    String out = git(null, "rev-list", "--branches", "--tags");
    Set<CommitId> ids = new HashSet<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        ids.add(CommitId.of(line.strip()));
      }
    }
    return ids;
  }

  /** Returns the commits reachable from {@code tips}. */
  Set<CommitId> reachableFrom(List<String> tips) throws Exception {
    Set<CommitId> ids = new HashSet<>();
    if (tips.isEmpty()) {
      return ids;
    }
    String[] args = new String[tips.size() + 1];
    args[0] = "rev-list";
    for (int i = 0; i < tips.size(); i++) {
      args[i + 1] = tips.get(i);
    }
    for (String line : git(null, args).split("\n")) {
      if (!line.isBlank()) {
        ids.add(CommitId.of(line.strip()));
      }
    }
    return ids;
  }

  String git(String stdin, String... args) throws Exception {
    return run(null, dir, stdin, args);
  }

  private static String run(Map<String, String> env, Path dir, String stdin, String... args)
      throws Exception {
    String[] cmd = new String[args.length + 3];
    cmd[0] = "git";
    cmd[1] = "-C";
    cmd[2] = dir.toString();
    System.arraycopy(args, 0, cmd, 3, args.length);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("HOME", dir.toString());
    if (env != null) {
      pb.environment().putAll(env);
    }
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("git %s: %s", Arrays.toString(args), err).isZero();
    return out;
  }
}
