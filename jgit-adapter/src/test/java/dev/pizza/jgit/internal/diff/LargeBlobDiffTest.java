package dev.pizza.jgit.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.ChangeKind;
import dev.pizza.FileChange;
import dev.pizza.jgit.NativeGit;
import dev.pizza.jgit.internal.pack.MappedObjects;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ReaderObjects;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blobs larger than the line-stats cut-off ({@link DiffOptions#maxFileBytes}, here 64 KiB against
 * blobs of 4 MB, packed by git as a base and deltas of it) are reported from their size and first
 * 8,000 bytes alone: a line-stats bake at -Xmx256m died of OutOfMemoryError applying the delta of a
 * 143 MB blob it then reported too large. Such files take part in exact renames only.
 */
class LargeBlobDiffTest {
  @TempDir Path repo;

  private static final int BIG = 4 << 20;
  private static final DiffOptions CUT_AT_64_KIB = new DiffOptions(false, 64 << 10, 200_000_000L);

  /** A text, the same with two lines changed, the same with a NUL at byte 100. */
  private String text = "";

  private String edited = "";
  private String binary = "";

  @BeforeEach
  void writeBlobs() throws Exception {
    NativeGit.assumeInstalled("to pack blobs as deltas");
    NativeGit.run(repo, "init", "-q", ".");
    StringBuilder a = new StringBuilder(BIG + 100);
    for (int i = 0; a.length() < BIG; i++) {
      a.append("line ").append(i).append(" of a large text file\n");
    }
    String b =
        a.toString().replace("line 7 of", "LINE 7 of").replace("line 90000 of", "LINE 90000");
    StringBuilder c = new StringBuilder(a);
    c.setCharAt(100, '\0');
    List<String> ids = new ArrayList<>();
    for (String content : List.of(a.toString(), b, c.toString())) {
      Path file = repo.resolve("f" + ids.size());
      Files.writeString(file, content, StandardCharsets.ISO_8859_1);
      ids.add(NativeGit.run(repo, "hash-object", "-w", file.toString()).strip());
    }
    Path list = repo.resolve("ids");
    Files.writeString(list, String.join("\n", ids) + "\n");
    packObjects(list);
    text = ids.get(0);
    edited = ids.get(1);
    binary = ids.get(2);
  }

  /** Packs the blobs (git finds the deltas) and drops their loose copies. */
  private void packObjects(Path list) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                "git", "-C", repo.toString(), "pack-objects", "-q", ".git/objects/pack/pack")
            .redirectInput(list.toFile())
            .redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    NativeGit.run(repo, "prune-packed");
    try (var packs = Files.newDirectoryStream(repo.resolve(".git/objects/pack"), "*.idx")) {
      for (Path idx : packs) {
        assertThat(NativeGit.run(repo, "verify-pack", "-v", idx.toString()))
            .as("two of the blobs are deltas")
            .contains("chain length = 1: 2 objects");
      }
    }
  }

  private static Oid oid(String hex) {
    try {
      return Oid.ofHex(hex.getBytes(StandardCharsets.US_ASCII), 0, ObjectFormat.SHA1);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static TreeDiff.Change change(String path, String from, String to) {
    return new TreeDiff.Change(
        path,
        from == null ? 0 : 0100644,
        from == null ? null : oid(from),
        to == null ? 0 : 0100644,
        to == null ? null : oid(to));
  }

  @FunctionalInterface
  private interface Diff {
    List<FileChange> run() throws IOException;
  }

  /** Runs {@code diff}; returns its changes and, last, the bytes this thread allocated. */
  private static long allocated(Diff diff, List<FileChange> out) throws IOException {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    out.addAll(diff.run());
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  private ObjectSource open() throws IOException {
    return MappedObjects.open(
        repo.resolve(".git/objects"), ObjectFormat.SHA1, MappedObjects.CACHE_BYTES);
  }

  @Test
  void pairBeyondTheCutOff_isReportedTooLarge_withoutEitherSideReadWhole() throws IOException {
    try (ObjectSource objects = open()) {
      CommitDiffer differ = new CommitDiffer(objects, CUT_AT_64_KIB);
      differ.files(List.of(change("c.txt", text, binary))); // what a first use costs
      List<FileChange> files = new ArrayList<>();
      long bytes = allocated(() -> differ.files(List.of(change("a.txt", text, edited))), files);
      assertThat(files)
          .containsExactly(new FileChange("a.txt", null, ChangeKind.MODIFIED, 0, 0, false, true));
      assertThat(bytes).isLessThan(BIG / 2);
    }
  }

  @Test
  void binaryProbeOfABlobBeyondTheCutOff_seesTheNulInItsFirstBytes() throws IOException {
    try (ObjectSource objects = open()) {
      List<FileChange> files =
          new CommitDiffer(objects, CUT_AT_64_KIB).files(List.of(change("c.txt", text, binary)));
      assertThat(files)
          .containsExactly(new FileChange("c.txt", null, ChangeKind.MODIFIED, 0, 0, true, false));
    }
  }

  @Test
  void filesBeyondTheCutOff_areRenamedExactlyOnly_notBySimilarity() throws IOException {
    try (ObjectSource objects = open()) {
      List<FileChange> files =
          new CommitDiffer(objects, CUT_AT_64_KIB)
              .files(
                  List.of(
                      change("p.txt", binary, null),
                      change("q.txt", null, binary),
                      change("x.txt", text, null),
                      change("y.txt", null, edited)));
      assertThat(files)
          .containsExactly(
              new FileChange("q.txt", "p.txt", ChangeKind.RENAMED, 0, 0, true, false),
              new FileChange("x.txt", null, ChangeKind.DELETED, 0, 0, false, true),
              new FileChange("y.txt", null, ChangeKind.ADDED, 0, 0, false, true));
    }
  }

  /** JGit's reader, the fallback, gives the size and first bytes from its loader and stream. */
  @Test
  void throughJGitsReader_theSameChanges() throws IOException {
    try (Repository repository =
            new FileRepositoryBuilder().setGitDir(repo.resolve(".git").toFile()).build();
        ObjectSource objects = new ReaderObjects(repository.newObjectReader())) {
      CommitDiffer differ = new CommitDiffer(objects, CUT_AT_64_KIB);
      assertThat(
              differ.files(List.of(change("a.txt", text, edited), change("c.txt", text, binary))))
          .containsExactly(
              new FileChange("a.txt", null, ChangeKind.MODIFIED, 0, 0, false, true),
              new FileChange("c.txt", null, ChangeKind.MODIFIED, 0, 0, true, false));
      int pos = objects.locate(oid(edited).words(), 0);
      assertThat(objects.type(pos)).isEqualTo(Constants.OBJ_BLOB);
      byte[] head = objects.readHead(pos, Constants.OBJ_BLOB, 100);
      assertThat(new String(head, 0, 100, StandardCharsets.US_ASCII))
          .isEqualTo(edited().substring(0, 100));
    }
  }

  private String edited() throws IOException {
    return Files.readString(repo.resolve("f1"), StandardCharsets.ISO_8859_1);
  }
}
