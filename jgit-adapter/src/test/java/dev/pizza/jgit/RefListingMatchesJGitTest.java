package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tips and default branch read from a repository's ref files ({@link PlainRefs#list}) are those
 * JGit's ref database gives ({@link GitOpenedRepository#readTips(Repository)}, the model), on
 * repositories git itself writes: loose and packed refs, loose over packed, symbolic refs and their
 * chains, HEAD detached, symbolic, unborn, tags of tags, trees and blobs, the header traits of
 * {@code packed-refs}, a worktree. What the files reader does not read as JGit does (a broken ref,
 * an odd {@code packed-refs}) it leaves to JGit, and these tests pin that it does.
 */
class RefListingMatchesJGitTest {
  private static final Map<String, String> ENV =
      Map.of(
          "GIT_AUTHOR_NAME", "A",
          "GIT_AUTHOR_EMAIL", "a@example.com",
          "GIT_COMMITTER_NAME", "A",
          "GIT_COMMITTER_EMAIL", "a@example.com");

  @TempDir Path tmp;
  private Path repo;
  private String tree;
  private String first;
  private String second;
  private String blob;

  @BeforeAll
  static void git() {
    NativeGit.assumeInstalled("to write the refs compared");
  }

  @BeforeEach
  void repository() throws Exception {
    repo = tmp.resolve("r.git");
    Files.createDirectories(repo);
    git("init", "-q", "--bare", "-b", "main");
    tree = git("hash-object", "-t", "tree", "-w", "/dev/null");
    first = git("commit-tree", tree, "-m", "first");
    second = git("commit-tree", tree, "-m", "second", "-p", first);
    Path file = tmp.resolve("blob.txt");
    Files.writeString(file, "a blob\n");
    blob = git("hash-object", "-w", file.toString());
    git("update-ref", "refs/heads/main", second);
    git("update-ref", "refs/heads/old", first);
    git("update-ref", "refs/heads/nested/deeper/branch", first);
    git("update-ref", "refs/heads/odd%name+x,y", first);
    git("tag", "-a", "-m", "v1", "v1", first);
    git("tag", "-a", "-m", "v2", "v2", second);
    git("tag", "-a", "-m", "of tree", "of-tree", tree);
    git("tag", "-a", "-m", "of blob", "of-blob", blob);
    git("tag", "-a", "-m", "tag of a tag", "nested", git("rev-parse", "refs/tags/v1"));
    git(
        "tag",
        "-a",
        "-m",
        "tag of a tag of a tree",
        "nested-tree",
        git("rev-parse", "refs/tags/of-tree"));
    git("update-ref", "refs/tags/light", first);
    git("update-ref", "refs/tags/light-tree", tree);
    git("update-ref", "refs/remotes/origin/main", first);
    git("symbolic-ref", "refs/heads/alias", "refs/heads/main");
    git("symbolic-ref", "refs/tags/alias-of-tag", "refs/tags/v2");
    git("symbolic-ref", "refs/heads/remote-alias", "refs/remotes/origin/main");
    git("symbolic-ref", "refs/heads/dangling", "refs/heads/nowhere");
    git("symbolic-ref", "refs/heads/at-loose-tag", "refs/tags/zz-loose");
    git("update-ref", "refs/tags/zz-loose", second);
  }

  @Test
  void looseRefs_areReadAsJGitReadsThem() throws Exception {
    assertSameAsJGit(true);
    assertThat(tips())
        .containsKeys("refs/heads/alias", "refs/tags/nested", "refs/heads/remote-alias")
        .doesNotContainKeys("refs/tags/of-tree", "refs/tags/of-blob", "refs/heads/dangling");
  }

  @Test
  void packedRefs_withTheirPeeledLines_areReadAsJGitReadsThem() throws Exception {
    git("pack-refs", "--all");
    assertThat(Files.readString(repo.resolve("packed-refs"))).contains("fully-peeled", "\n^");
    assertSameAsJGit(true);
  }

  @Test
  void looseRefOverAPackedOne_winsAsInJGit() throws Exception {
    git("pack-refs", "--all");
    git("update-ref", "refs/heads/old", second);
    git("tag", "-f", "-a", "-m", "moved", "v1", second);
    git("update-ref", "refs/tags/zz-loose", first);
    assertSameAsJGit(true);
    assertThat(tips())
        .containsEntry("refs/heads/old", new CommitId(second))
        .containsEntry("refs/tags/v1", new CommitId(second))
        .containsEntry("refs/heads/at-loose-tag", new CommitId(first));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "# pack-refs with: peeled fully-peeled sorted ",
        "# pack-refs with: peeled ",
        "# pack-refs with: fully-peeled ",
        "# pack-refs with: sorted ",
        ""
      })
  void packedRefsHeaderTraits_andMissingPeeledLines_areReadAsJGitReadsThem(String header)
      throws Exception {
    git("pack-refs", "--all");
    String packed = Files.readString(repo.resolve("packed-refs"));
    String body = packed.substring(packed.indexOf('\n') + 1);
    Files.writeString(repo.resolve("packed-refs"), header.isEmpty() ? body : header + "\n" + body);
    assertSameAsJGit(true);
    // the peeled line of v2 gone: known peeled (naming no tag) or followed, as JGit says
    String v2 = git("rev-parse", "refs/tags/v2");
    Files.writeString(
        repo.resolve("packed-refs"),
        Files.readString(repo.resolve("packed-refs"))
            .replace(v2 + " refs/tags/v2\n^" + second + "\n", v2 + " refs/tags/v2\n"));
    assertThat(Files.readString(repo.resolve("packed-refs"))).doesNotContain("^" + second);
    assertSameAsJGit(true);
  }

  @Test
  void branchAtAnAnnotatedTag_packedUnderEveryHeader_isReadAsJGitReadsIt() throws Exception {
    // git refuses to set a branch to a tag; an older git or another tool did not
    Files.writeString(repo.resolve("refs/heads/at-tag"), git("rev-parse", "refs/tags/v1") + "\n");
    git("pack-refs", "--all");
    assertSameAsJGit(true);
    for (String header :
        new String[] {"# pack-refs with: peeled ", "# pack-refs with: fully-peeled "}) {
      String packed = Files.readString(repo.resolve("packed-refs"));
      String body = packed.substring(packed.indexOf('\n') + 1).replaceAll("\n\\^[0-9a-f]{40}", "");
      Files.writeString(repo.resolve("packed-refs"), header + "\n" + body);
      assertSameAsJGit(true);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 6, 7})
  void symbolicChains_endWhereJGitsEnd(int length) throws Exception {
    for (int i = 0; i < length; i++) {
      git(
          "symbolic-ref",
          "refs/heads/chain" + i,
          i + 1 < length ? "refs/heads/chain" + (i + 1) : "refs/heads/main");
    }
    assertSameAsJGit(true);
    git("pack-refs", "--all");
    assertSameAsJGit(true);
  }

  @Test
  void headDetached_hasNoDefaultBranch() throws Exception {
    Files.writeString(repo.resolve("HEAD"), first + "\n");
    assertSameAsJGit(true);
    assertThat(defaultBranch()).isNull();
  }

  @Test
  void headAtAMissingBranch_namesIt() throws Exception {
    git("symbolic-ref", "HEAD", "refs/heads/unborn");
    assertSameAsJGit(true);
    assertThat(defaultBranch()).isEqualTo("refs/heads/unborn");
  }

  @Test
  void headAtATag_orAtASymbolicBranch_isReadAsJGitReadsIt() throws Exception {
    git("symbolic-ref", "HEAD", "refs/tags/v1");
    assertSameAsJGit(true);
    git("pack-refs", "--all");
    assertSameAsJGit(true);
    git("symbolic-ref", "HEAD", "refs/remotes/origin/main");
    assertSameAsJGit(true);
    git("symbolic-ref", "HEAD", "refs/heads/alias");
    assertSameAsJGit(false);
  }

  @Test
  void headAtAPackedBranch_namesIt() throws Exception {
    git("pack-refs", "--all");
    assertSameAsJGit(true);
    assertThat(defaultBranch()).isEqualTo("refs/heads/main");
  }

  @Test
  void lockFilesAndDirectories_areSkippedAsJGitSkipsThem() throws Exception {
    Files.writeString(repo.resolve("refs/heads/main.lock"), first + "\n");
    Files.createDirectories(repo.resolve("refs/heads/dir.lock"));
    Files.writeString(repo.resolve("refs/heads/dir.lock/x"), first + "\n");
    assertSameAsJGit(true);
    assertThat(tips()).doesNotContainKeys("refs/heads/main.lock", "refs/heads/dir.lock/x");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "garbage\n",
        "",
        "0123\n",
        " %s\n",
        "%s",
        "%s extra\n",
        "%S\n",
        "ref:  refs/heads/main\n",
        "ref: refs/heads/main"
      })
  void brokenLooseRef_isLeftToJGit(String content) throws Exception {
    git("pack-refs", "--all");
    Files.writeString(
        repo.resolve("refs/heads/old"),
        String.format(content, first.replace('a', 'A')).replace("%S", first.toUpperCase()));
    Files.writeString(repo.resolve("refs/heads/broken"), String.format(content, second));
    assertSameAsJGit(false);
  }

  @Test
  void danglingSymbolicRefOverAPackedOne_isLeftToJGit() throws Exception {
    git("pack-refs", "--all");
    Files.writeString(repo.resolve("refs/heads/old"), "ref: refs/heads/nowhere\n");
    assertSameAsJGit(false);
    assertThat(tips()).containsEntry("refs/heads/old", new CommitId(first));
  }

  @ParameterizedTest
  @ValueSource(strings = {"unsorted", "blank", "comment", "crlf", "peel-first"})
  void oddPackedRefs_areLeftToJGit(String odd) throws Exception {
    git("pack-refs", "--all");
    Path file = repo.resolve("packed-refs");
    String packed = Files.readString(file);
    String[] lines = packed.split("\n");
    String changed =
        switch (odd) {
          case "unsorted" -> packed.replace(lines[1] + "\n", "") + lines[1] + "\n";
          case "blank" -> packed + "\n";
          case "comment" -> packed + "# a comment\n";
          case "crlf" -> packed.replace("\n", "\r\n");
          default -> lines[0] + "\n^" + first + "\n" + packed.substring(lines[0].length() + 1);
        };
    Files.writeString(file, changed);
    try {
      assertSameAsJGit(false);
    } catch (java.io.IOException | RuntimeException e) {
      assertThat(odd).isIn("blank", "peel-first"); // JGit cannot read it either
      PlainRefs.Listing listing = open(GitOpenedRepository::listExactly);
      assertThat(listing).isNull();
    }
  }

  @Test
  void linkedWorktree_readsItsHeadAndTheCommonRefs() throws Exception {
    Path main = tmp.resolve("work");
    Files.createDirectories(main);
    NativeGit.run(ENV, main, "init", "-q", "-b", "main");
    NativeGit.run(ENV, main, "commit", "-q", "--allow-empty", "-m", "one");
    NativeGit.run(ENV, main, "tag", "-a", "-m", "t", "t1");
    NativeGit.run(ENV, main, "pack-refs", "--all");
    NativeGit.run(ENV, main, "branch", "side");
    Path linked = tmp.resolve("linked");
    NativeGit.run(ENV, main, "worktree", "add", "-q", linked.toString(), "side");
    try (Repository r =
        new FileRepositoryBuilder().setWorkTree(linked.toFile()).setMustExist(true).build()) {
      assertThat(r.getDirectory().toPath()).isNotEqualTo(r.getCommonDirectory().toPath());
      PlainRefs.Listing listing = GitOpenedRepository.listExactly(r);
      assertThat(listing).isNotNull();
      assertThat(GitOpenedRepository.readTips(r, listing.refs()))
          .isEqualTo(GitOpenedRepository.readTips(r))
          .containsKeys("refs/heads/main", "refs/heads/side", "refs/tags/t1");
      assertThat(listing.defaultBranch())
          .isEqualTo(GitOpenedRepository.readDefaultBranch(r))
          .isEqualTo("refs/heads/side");
      assertThat(headId(listing)).isEqualTo(r.resolve("HEAD")).isNotNull();
    }
  }

  @Test
  void looseRefOfGigabytes_isLeftToJGit_notReadIntoMemory() throws Exception {
    // JGit reads a loose ref's first 4 KiB: the id, then zeros it ignores
    try (java.io.RandomAccessFile f =
        new java.io.RandomAccessFile(repo.resolve("refs/heads/huge").toFile(), "rw")) {
      f.write((second + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      f.setLength(3L << 30); // sparse
    }
    assertSameAsJGit(false);
    assertThat(tips()).containsEntry("refs/heads/huge", new CommitId(second));
  }

  @ParameterizedTest
  @ValueSource(strings = {"refs/heads/fifo", "refs/tags/fifo", "packed-refs", "remote-alias"})
  void fifoForARefFile_failsTheBakeWithAStorageError_insteadOfHanging(String where)
      throws Exception {
    Path fifo =
        where.equals("remote-alias")
            ? repo.resolve("refs/remotes/origin/main") // followed from refs/heads/remote-alias
            : repo.resolve(where);
    Files.deleteIfExists(fifo);
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    try {
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          java.time.Duration.ofSeconds(10),
          () -> {
            try (dev.pizza.PizzaOven oven =
                dev.pizza.PizzaOven.builder()
                    .backend(JGitBackend.builder().build())
                    .allowLocalRepositories(true)
                    .build()) {
              org.assertj.core.api.Assertions.assertThatThrownBy(
                      () -> oven.bake(repo.toString(), new dev.pizza.testing.InMemoryCommitSink()))
                  .isInstanceOf(dev.pizza.errors.RepositoryStorageException.class)
                  .hasMessageContaining(fifo.getFileName().toString());
            }
          });
    } finally {
      Thread unblock = // a reader left waiting for a writer (the failure's) is let go
          new Thread(
              () -> {
                try (var out = Files.newOutputStream(fifo)) {
                  // opened and closed: end of file for the reader
                } catch (java.io.IOException e) {
                  // nobody was waiting
                }
              });
      unblock.setDaemon(true);
      unblock.start();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "end.",
        "a@{b",
        "@",
        "a..b",
        "sp ace",
        "caf\u00e9",
        "new\nline",
        "ctl\u0001",
        "x.lock/y",
        "-dash",
        "back\\slash",
        "q?",
        "a.lock.b",
        "ends.lock"
      })
  void oddLooseRefName_isReadAsJGitReadsIt_orLeftToIt(String name) throws Exception {
    Path file = repo.resolve("refs/heads/" + name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, first + "\n");
    assertSameAsJGitOrLeftToIt();
    git("pack-refs", "--all");
    assertSameAsJGitOrLeftToIt();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "end.",
        "a@{b",
        "@",
        "a..b",
        "sp ace",
        "caf\u00e9",
        "nul\u0000x",
        "x/",
        "/x",
        "a//b",
        ".x",
        "a.lock",
        "a.lock/b",
        "HEAD-like",
        "a~1",
        "a^b",
        "a:b"
      })
  void oddPackedRefName_isReadAsJGitReadsIt_orLeftToIt(String name) throws Exception {
    git("pack-refs", "--all");
    addPacked("refs/heads/" + name, first);
    assertSameAsJGitOrLeftToIt();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "no-newline-at-end",
        "header-without-space",
        "header-twice",
        "upper-peeled",
        "hex-and-garbage",
        "two-spaces",
        "peeled-twice",
        "peeled-short",
        "only-header",
        "empty",
        "nul-in-header",
        "duplicate"
      })
  void hostilePackedRefs_areReadAsJGitReadsThem_orLeftToIt(String odd) throws Exception {
    git("pack-refs", "--all");
    Path file = repo.resolve("packed-refs");
    String packed = Files.readString(file);
    String header = packed.substring(0, packed.indexOf('\n') + 1);
    String body = packed.substring(header.length());
    String v1 = git("rev-parse", "refs/tags/v1");
    String changed =
        switch (odd) {
          case "no-newline-at-end" -> packed.substring(0, packed.length() - 1);
          case "header-without-space" -> header.strip().replace("with: ", "with:") + "\n" + body;
          case "header-twice" -> header + header + body;
          case "upper-peeled" -> packed.replace("^" + first, "^" + first.toUpperCase());
          case "hex-and-garbage" -> packed.replace(first + " ", first + "zz ");
          case "two-spaces" ->
              packed.replace(first + " refs/heads/old", first + "  refs/heads/old");
          case "peeled-twice" ->
              packed.replace("^" + first + "\n", "^" + first + "\n^" + first + "\n");
          case "peeled-short" -> packed.replace("^" + first, "^" + first.substring(1));
          case "only-header" -> header;
          case "empty" -> "";
          case "nul-in-header" -> header.replace("peeled", "pee\u0000led") + body;
          default ->
              packed.replace(
                  v1 + " refs/tags/v1\n", v1 + " refs/tags/v1\n" + v1 + " refs/tags/v1\n");
        };
    assertThat(changed).isNotEqualTo(packed);
    Files.writeString(file, changed);
    assertSameAsJGitOrLeftToIt();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ref: HEAD\n",
        "ref: refs/heads/../../config\n",
        "ref: refs/heads/main/\n",
        "ref: refs/heads/dir\n",
        "ref: /etc/passwd\n",
        "ref: refs/heads/main\n\n",
        "ref: refs/heads/main \n",
        "ref: refs/notes/x\n",
        "ref: refs/remotes/origin/main\n",
        "\n",
        "link"
      })
  void hostileHead_isReadAsJGitReadsIt_orLeftToIt(String head) throws Exception {
    Files.createDirectories(repo.resolve("refs/heads/dir"));
    Files.writeString(repo.resolve("refs/heads/dir/x"), first + "\n");
    Path file = repo.resolve("HEAD");
    Files.delete(file);
    if (head.equals("link")) {
      Files.createSymbolicLink(file, Path.of("refs/heads/main"));
    } else {
      Files.writeString(file, head);
    }
    assertSameAsJGitOrLeftToIt();
  }

  @ParameterizedTest
  @ValueSource(strings = {"outside", "loop", "dangling", "dev-zero", "directory"})
  void symbolicLinkForARefFile_isReadAsJGitReadsIt_orFailsTyped(String target) throws Exception {
    Path outside = Files.writeString(tmp.resolve("outside-ref"), second + "\n");
    Path link = repo.resolve("refs/heads/link");
    switch (target) {
      case "outside" -> Files.createSymbolicLink(link, outside);
      case "loop" -> Files.createSymbolicLink(link, link);
      case "dangling" -> Files.createSymbolicLink(link, tmp.resolve("nowhere"));
      case "dev-zero" -> Files.createSymbolicLink(link, Path.of("/dev/zero"));
      default -> Files.createSymbolicLink(link, repo.resolve("refs/tags"));
    }
    if (target.equals("dev-zero")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> open(GitOpenedRepository::listExactly))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("refs/heads/link");
    } else {
      assertSameAsJGitOrLeftToIt();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"packed-file-loose-directory", "loose-file-packed-directory"})
  void refNamedLikeAnotherRefsDirectory_isReadAsJGitReadsIt(String layout) throws Exception {
    git("pack-refs", "--all");
    if (layout.equals("packed-file-loose-directory")) {
      addPacked("refs/heads/df", first);
      Files.createDirectories(repo.resolve("refs/heads/df"));
      Files.writeString(repo.resolve("refs/heads/df/x"), second + "\n");
    } else {
      addPacked("refs/heads/df/x", first);
      Files.writeString(repo.resolve("refs/heads/df"), second + "\n");
    }
    assertSameAsJGit(true);
  }

  @Test
  void refsDirectoryMissing_isReadAsJGitReadsIt() throws Exception {
    git("pack-refs", "--all");
    deleteTree(repo.resolve("refs"));
    assertSameAsJGitOrLeftToIt();
  }

  @Test
  void packedRefsALinkToDevZero_failsTyped_insteadOfFillingTheHeap() throws Exception {
    git("pack-refs", "--all");
    Files.delete(repo.resolve("packed-refs"));
    Files.createSymbolicLink(repo.resolve("packed-refs"), Path.of("/dev/zero"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> open(GitOpenedRepository::listExactly))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("packed-refs");
  }

  /** As {@link #assertSameAsJGit}, where the files reader may also leave the reading to JGit. */
  private void assertSameAsJGitOrLeftToIt() throws Exception {
    try (Repository r = open()) {
      PlainRefs.Listing listing = GitOpenedRepository.listExactly(r);
      if (listing == null) {
        return;
      }
      assertThat(GitOpenedRepository.readTips(r, listing.refs()))
          .isEqualTo(GitOpenedRepository.readTips(r));
      assertThat(listing.defaultBranch()).isEqualTo(GitOpenedRepository.readDefaultBranch(r));
      assertThat(headId(listing)).as("HEAD's id").isEqualTo(r.resolve("HEAD"));
    }
  }

  /** Adds {@code name} at {@code id} to packed-refs where git would sort it. */
  private void addPacked(String name, String id) throws Exception {
    Path file = repo.resolve("packed-refs");
    String packed = Files.readString(file);
    String header = packed.substring(0, packed.indexOf('\n') + 1);
    java.util.TreeMap<String, String> blocks = new java.util.TreeMap<>();
    String[] lines = packed.substring(header.length()).split("\n");
    for (int i = 0; i < lines.length; i++) {
      String block = lines[i] + "\n";
      while (i + 1 < lines.length && lines[i + 1].startsWith("^")) {
        block += lines[++i] + "\n";
      }
      blocks.put(lines[i - (block.split("\n").length - 1)].substring(41), block);
    }
    blocks.put(name, id + " " + name + "\n");
    Files.writeString(file, header + String.join("", blocks.values()));
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private void assertSameAsJGit(boolean plain) throws Exception {
    try (Repository r = open()) {
      Map<String, CommitId> model = GitOpenedRepository.readTips(r);
      String modelHead = GitOpenedRepository.readDefaultBranch(r);
      PlainRefs.Listing listing = GitOpenedRepository.listExactly(r);
      if (!plain) {
        assertThat(listing).as("left to JGit").isNull();
        return;
      }
      assertThat(listing).as("read from the files").isNotNull();
      assertThat(GitOpenedRepository.readTips(r, listing.refs())).isEqualTo(model);
      assertThat(listing.defaultBranch()).isEqualTo(modelHead);
      assertThat(headId(listing)).as("HEAD's id").isEqualTo(r.resolve("HEAD"));
    }
  }

  private static org.eclipse.jgit.lib.ObjectId headId(PlainRefs.Listing listing) {
    return listing.headId() == null
        ? null
        : org.eclipse.jgit.lib.ObjectId.fromString(listing.headId());
  }

  private Map<String, CommitId> tips() throws Exception {
    try (Repository r = open()) {
      return GitOpenedRepository.readTips(r);
    }
  }

  private String defaultBranch() throws Exception {
    try (Repository r = open()) {
      return GitOpenedRepository.readDefaultBranch(r);
    }
  }

  private interface WithRepo<T> {
    T apply(Repository r) throws Exception;
  }

  private <T> T open(WithRepo<T> f) throws Exception {
    try (Repository r = open()) {
      return f.apply(r);
    }
  }

  private Repository open() throws Exception {
    return new FileRepositoryBuilder().setGitDir(repo.toFile()).setMustExist(true).build();
  }

  private String git(String... args) throws Exception {
    return NativeGit.run(ENV, repo, args).strip();
  }
}
