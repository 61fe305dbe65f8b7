package dev.pizza.jgit;

import static dev.pizza.jgit.WorkTrees.commit;
import static dev.pizza.jgit.WorkTrees.git;
import static dev.pizza.jgit.WorkTrees.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line statistics of a SHA-256 repository equal {@code git log --numstat --minimal}: its trees hold
 * 32-byte ids and its commits 64-digit tree ids, which the diff once read as SHA-1's 20 and 40 (the
 * option was ignored for such repositories). Checked on loose objects and again after {@code git
 * gc} has packed them as deltas, with edits, renames, a delete, a binary file, a mode change, a
 * type change, a file replaced by a directory, a submodule entry and a merge.
 */
class LineStatsSha256Test {
  @TempDir Path tmp;

  @Test
  void sha256Repository_countsAsGitLogNumstatMinimal_looseAndPacked() throws Exception {
    Path repo = Sha256Repos.init(tmp.resolve("repo"), false);
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      big.append("line ").append(i).append('\n');
    }
    write(repo, "a.txt", big.toString());
    write(repo, "b.txt", "one\ntwo\nthree\n");
    write(repo, "dir/c.txt", "c\n");
    write(repo, "x", "a file that becomes a directory\n");
    write(repo, "link", "target\n");
    Files.write(repo.resolve("bin.dat"), new byte[] {1, 0, 2, '\n'});
    commit(repo, "root");

    write(repo, "a.txt", big.toString().replace("line 7\n", "line seven\n") + "end\n");
    write(repo, "b.txt", "one\nthree\n");
    git(repo, "mv", "dir/c.txt", "dir/d.txt");
    Files.write(repo.resolve("bin.dat"), new byte[] {1, 0, 3, '\n'});
    commit(repo, "edits, a rename, a binary edit");

    git(repo, "checkout", "-q", "-b", "side");
    write(repo, "side.txt", "side\n");
    commit(repo, "side");
    git(repo, "checkout", "-q", "main");
    git(repo, "rm", "-q", "x");
    write(repo, "x/y.txt", "inside\n");
    Files.delete(repo.resolve("link"));
    Files.createSymbolicLink(repo.resolve("link"), Path.of("a.txt"));
    Files.setPosixFilePermissions(
        repo.resolve("b.txt"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    String sub = "0123456789abcdef".repeat(4);
    git(repo, "add", "-A");
    git(repo, "update-index", "--add", "--cacheinfo", "160000," + sub + ",mod");
    git(repo, "-c", "user.name=T", "-c", "user.email=t@x", "commit", "-q", "-m", "many kinds");
    git(repo, "-c", "user.name=M", "-c", "user.email=m@x", "merge", "-q", "--no-edit", "side");
    git(repo, "rm", "-q", "bin.dat");
    write(repo, "a.txt", big.toString().substring(40));
    commit(repo, "a delete, the head cut");

    assertCountsAsGit(repo);
    git(repo, "gc", "-q", "--aggressive");
    assertCountsAsGit(repo);
  }

  private static void assertCountsAsGit(Path repo) throws Exception {
    Map<String, CommitRecord> records = new HashMap<>();
    RecordingSink sink = RecordingSink.bakedWithLineStats(repo);
    for (CommitRecord r : sink.delivered) {
      assertThat(r.hasLineStats()).as("commit %s", r.id()).isTrue();
      records.put(r.id().hex(), r);
    }
    Map<String, List<String>> git = GitNumstat.of(repo);
    assertThat(records.keySet()).containsExactlyInAnyOrderElementsOf(git.keySet());
    assertThat(git.keySet()).allSatisfy(id -> assertThat(id).hasSize(64));
    for (Map.Entry<String, List<String>> e : git.entrySet()) {
      assertThat(GitNumstat.lines(records.get(e.getKey())))
          .as("commit %s", e.getKey())
          .isEqualTo(e.getValue());
    }
  }
}
