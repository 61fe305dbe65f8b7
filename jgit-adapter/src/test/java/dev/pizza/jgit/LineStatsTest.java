package dev.pizza.jgit;

import static dev.pizza.jgit.WorkTrees.commit;
import static dev.pizza.jgit.WorkTrees.git;
import static dev.pizza.jgit.WorkTrees.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.ChangeKind;
import dev.pizza.CommitRecord;
import dev.pizza.FileChange;
import dev.pizza.PizzaOven;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line statistics equal {@code git log --numstat --minimal}, commit for commit and file for file,
 * on a history native git writes: a root commit, edits, files without a final newline, CRLF, empty
 * files, binary files, renames with and without edits, a copy (which git's default reports as an
 * addition), deletes, a mode change, a type change (file to symbolic link), a file replaced by a
 * directory, a merge, a huge file past the cut-off, and random edits of files with many repeated
 * lines (which exercise xdiff's discarding of lines).
 */
class LineStatsTest {
  private static final int CUT_OFF = 64 * 1024;

  @TempDir static Path tmp;
  private static Path repo;
  private static final Map<String, CommitRecord> records = new HashMap<>();

  @BeforeAll
  static void buildAndBake() throws Exception {
    NativeGit.assumeInstalled("to write the history and to count its lines");
    repo = tmp.resolve("repo");
    git(tmp, "init", "-q", "-b", "main", repo.toString());
    write(repo, "a.txt", lines(1, 40));
    write(repo, "b.txt", lines(100, 30));
    write(repo, "empty.txt", "");
    write(repo, "nonl.txt", "x\ny");
    write(repo, "crlf.txt", "one\r\ntwo\r\nthree\r\n");
    Files.write(repo.resolve("bin.dat"), new byte[] {1, 2, 0, 3, '\n', 4});
    write(repo, "dir/sub/c.txt", lines(200, 12));
    write(repo, "link.txt", "target\n");
    write(repo, "x", "a file that becomes a directory\n");
    commit(repo, "root");

    write(repo, "a.txt", lines(1, 10) + "changed\n" + lines(11, 29) + "added at the end\n");
    write(repo, "nonl.txt", "x\ny\n");
    write(repo, "crlf.txt", "one\r\nTWO\r\nthree\r\nfour");
    write(repo, "empty.txt", "now with a line\n");
    commit(repo, "edits");

    Files.createDirectories(repo.resolve("moved"));
    git(repo, "mv", "b.txt", "moved/b2.txt");
    write(repo, "moved/b2.txt", lines(100, 25) + "edited\n" + lines(125, 5));
    git(repo, "mv", "dir/sub", "dir2");
    Files.copy(repo.resolve("a.txt"), repo.resolve("a-copy.txt"));
    commit(repo, "renames and a copy");

    git(repo, "rm", "-q", "bin.dat");
    Files.write(repo.resolve("other.bin"), new byte[] {0, 0, 0, 'a', '\n'});
    Files.setPosixFilePermissions(
        repo.resolve("a.txt"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    commit(repo, "delete, binary add, mode change");

    Files.delete(repo.resolve("link.txt"));
    Files.createSymbolicLink(repo.resolve("link.txt"), Path.of("a.txt"));
    git(repo, "rm", "-q", "x");
    write(repo, "x/y.txt", "inside\n");
    Files.write(repo.resolve("other.bin"), new byte[] {0, 1, 1, 'b', '\n'});
    commit(repo, "type change, file to directory, binary edit");

    git(repo, "checkout", "-q", "-b", "side");
    write(repo, "side.txt", lines(300, 5));
    write(repo, "a.txt", lines(1, 10) + "changed on side\n" + lines(11, 29) + "added at the end\n");
    commit(repo, "side");
    git(repo, "checkout", "-q", "main");
    write(repo, "main.txt", lines(400, 5));
    commit(repo, "main");
    git(repo, "-c", "user.name=M", "-c", "user.email=m@x", "merge", "-q", "--no-edit", "side");

    write(repo, "p/x.txt", lines(500, 8));
    commit(repo, "a file to rename twice");
    git(repo, "rm", "-q", "p/x.txt");
    write(repo, "a/y.txt", lines(500, 8));
    write(repo, "b/x.txt", lines(500, 8));
    commit(repo, "one deleted file, two identical additions");

    write(repo, "huge.txt", lines(0, 20_000));
    write(repo, "small.txt", "small\n");
    commit(repo, "huge file");
    write(repo, "huge.txt", lines(1, 20_000));
    commit(repo, "huge file edited");

    Random rnd = new Random(7);
    String[] files = {"r1.txt", "r2.txt", "r3.txt"};
    for (int c = 0; c < 25; c++) {
      for (String f : files) {
        Path p = repo.resolve(f);
        List<String> ls =
            Files.exists(p) ? new ArrayList<>(Files.readAllLines(p)) : new ArrayList<>();
        int edits = 1 + rnd.nextInt(12);
        for (int e = 0; e < edits; e++) {
          String line =
              rnd.nextInt(3) == 0 ? "}" : rnd.nextInt(4) == 0 ? "" : "l" + rnd.nextInt(30);
          int op = rnd.nextInt(3);
          if (op == 0 || ls.isEmpty()) {
            ls.add(rnd.nextInt(ls.size() + 1), line);
          } else if (op == 1) {
            ls.remove(rnd.nextInt(ls.size()));
          } else {
            ls.set(rnd.nextInt(ls.size()), line);
          }
        }
        write(repo, f, String.join("\n", ls) + "\n");
      }
      commit(repo, "random " + c);
    }

    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven =
        PizzaOven.builder()
            .allowLocalRepositories(true)
            .backend(JGitBackend.builder().lineStats(true).lineStatsMaxFileBytes(CUT_OFF).build())
            .build()) {
      oven.bake(repo.toString(), sink);
    }
    for (CommitRecord r : sink.delivered) {
      records.put(r.id().hex(), r);
    }
  }

  private static String lines(int from, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = from; i < from + n; i++) {
      s.append("line ").append(i).append('\n');
    }
    return s.toString();
  }

  private static FileChange file(String message, String path) {
    CommitRecord r =
        records.values().stream()
            .filter(c -> c.subject().equals(message))
            .findFirst()
            .orElseThrow();
    return r.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
  }

  @Test
  void everyCommit_countsAsGitLogNumstatMinimal() throws Exception {
    Map<String, List<String>> git = GitNumstat.of(repo);
    assertThat(records.keySet()).containsExactlyInAnyOrderElementsOf(git.keySet());
    for (Map.Entry<String, List<String>> e : git.entrySet()) {
      CommitRecord r = records.get(e.getKey());
      List<String> expected = new ArrayList<>();
      for (String line : e.getValue()) {
        FileChange f =
            r.files().stream()
                .filter(
                    x -> line.endsWith(" " + x.path()) || line.contains(" " + x.path() + " <- "))
                .findFirst()
                .orElse(null);
        // A file past the cut-off: git counts its lines, the record says it did not.
        expected.add(f != null && f.tooLarge() ? "? ? " + line.split(" ", 3)[2] : line);
      }
      assertThat(GitNumstat.lines(r))
          .as("commit %s (%s)", e.getKey(), r.subject())
          .isEqualTo(expected);
    }
  }

  @Test
  void merges_withLineStatsOfMerges_countAgainstTheFirstParent_asGitDiffMergesFirstParent()
      throws Exception {
    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven =
        PizzaOven.builder()
            .allowLocalRepositories(true)
            .backend(
                JGitBackend.builder()
                    .lineStats(true)
                    .lineStatsOfMerges(true)
                    .lineStatsMaxFileBytes(CUT_OFF)
                    .build())
            .build()) {
      oven.bake(repo.toString(), sink);
    }
    Map<String, List<String>> git = GitNumstat.of(repo, "--diff-merges=first-parent");
    List<CommitRecord> merges =
        sink.delivered.stream().filter(r -> r.parents().size() > 1).toList();

    assertThat(merges).isNotEmpty();
    for (CommitRecord merge : merges) {
      assertThat(records.get(merge.id().hex()).files()).as("without the option").isEmpty();
      assertThat(GitNumstat.lines(merge))
          .as("merge %s against its first parent", merge.id())
          .isNotEmpty()
          .isEqualTo(git.get(merge.id().hex()));
    }
  }

  @Test
  void kinds_areGitsStatusLetters() {
    assertThat(file("root", "a.txt").kind()).isEqualTo(ChangeKind.ADDED);
    assertThat(file("edits", "a.txt").kind()).isEqualTo(ChangeKind.MODIFIED);
    FileChange moved = file("renames and a copy", "moved/b2.txt");
    assertThat(moved.kind()).isEqualTo(ChangeKind.RENAMED);
    assertThat(moved.oldPath()).isEqualTo("b.txt");
    assertThat(file("renames and a copy", "a-copy.txt").kind()).isEqualTo(ChangeKind.ADDED);
    assertThat(file("delete, binary add, mode change", "bin.dat").kind())
        .isEqualTo(ChangeKind.DELETED);
    assertThat(file("delete, binary add, mode change", "a.txt").kind())
        .isEqualTo(ChangeKind.MODIFIED);
    assertThat(file("type change, file to directory, binary edit", "link.txt").kind())
        .isEqualTo(ChangeKind.TYPE_CHANGED);
    assertThat(file("type change, file to directory, binary edit", "other.bin").binary()).isTrue();
  }

  @Test
  void identicalAdditions_renameTheFirstInPathOrder_andAddTheOthers_asGit() {
    String m = "one deleted file, two identical additions";
    assertThat(file(m, "a/y.txt").kind()).isEqualTo(ChangeKind.RENAMED);
    assertThat(file(m, "a/y.txt").oldPath()).isEqualTo("p/x.txt");
    assertThat(file(m, "b/x.txt").kind()).isEqualTo(ChangeKind.ADDED);
  }

  @Test
  void merge_hasNoFileChanges_asGitLogShowsNone() {
    CommitRecord merge =
        records.values().stream().filter(CommitRecord::isMerge).findFirst().orElseThrow();
    assertThat(merge.hasLineStats()).isTrue();
    assertThat(merge.files()).isEmpty();
  }

  @Test
  void hugeFile_isChangedAndFlagged_withoutCounts() {
    FileChange huge = file("huge file edited", "huge.txt");
    assertThat(huge.tooLarge()).isTrue();
    assertThat(huge.hasLineCounts()).isFalse();
    assertThat(file("huge file", "small.txt").added()).isEqualTo(1);
  }

  @Test
  void totals_sumTheFiles() {
    CommitRecord root =
        records.values().stream().filter(c -> c.parents().isEmpty()).findFirst().orElseThrow();
    assertThat(root.linesAdded()).isEqualTo(40 + 30 + 0 + 2 + 3 + 12 + 1 + 1);
    assertThat(root.linesRemoved()).isZero();
  }
}
