package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pizza.CommitRecord;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryUrl;
import dev.pizza.errors.RepositoryStorageException;
import dev.pizza.testing.InMemoryCommitSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk's own pack reader against packs written by native git: commits stored as deltas (offset
 * and reference) read back field for field as JGit reads them, and a damaged pack or index fails
 * the bake with a typed error and saves no checkpoint.
 */
class PackReadingTest {
  @TempDir Path tmp;

  /** Builds 300 commits with long, nearly equal messages, so git stores most as deltas. */
  private Path packedRepository(boolean refDeltas) throws Exception {
    Path dir = tmp.resolve("origin.git");
    try (TestRepository repo = TestRepository.createBare(dir)) {
      String body =
          "A long body line that repeats so that delta compression finds it.\n".repeat(40);
      ObjectId c = null;
      for (int i = 0; i < 300; i++) {
        PersonIdent who =
            TestRepository.person(
                "Dev " + (i % 7),
                "dev" + (i % 7) + "@example.com",
                1_600_000_000L + i * 60L,
                i % 2 == 0 ? "+01:00" : "-07:00");
        c =
            repo.commit(
                who,
                who,
                "Change " + i + "\n\n" + body + "Signed-off-by: Dev <d@x>\n",
                c == null ? List.of() : List.of(c));
      }
      repo.branch("main", c);
    }
    if (refDeltas) {
      NativeGit.run(
          dir,
          "-c",
          "repack.useDeltaBaseOffset=false",
          "repack",
          "-adf",
          "--window=50",
          "--depth=50");
    } else {
      NativeGit.run(dir, "repack", "-adf", "--window=50", "--depth=50");
    }
    return dir;
  }

  private static Map<dev.pizza.CommitId, CommitRecord> bake(Path dir) throws Exception {
    InMemoryCommitSink sink = new InMemoryCommitSink();
    try (PizzaOven oven =
        PizzaOven.builder()
            .backend(JGitBackend.builder().build())
            .allowLocalRepositories(true)
            .build()) {
      oven.bake(dir.toString(), sink);
    }
    return sink.records(RepositoryUrl.parse(dir.toString()).id());
  }

  @Test
  void deltifiedCommits_withOffsetBases_readAsJGitReadsThem() throws Exception {
    NativeGit.assumeInstalled("to write the pack");
    assertFieldsMatchJGit(packedRepository(false));
  }

  @Test
  void deltifiedCommits_withReferenceBases_readAsJGitReadsThem() throws Exception {
    NativeGit.assumeInstalled("to write the pack");
    assertFieldsMatchJGit(packedRepository(true));
  }

  private void assertFieldsMatchJGit(Path dir) throws Exception {
    String verify = NativeGit.run(dir, "verify-pack", "-v", packFile(dir, ".idx").toString());
    long deltified =
        verify.lines().filter(l -> l.contains(" commit ") && l.split("\\s+").length > 5).count();
    assertThat(deltified).as("commits stored as deltas in the pack").isGreaterThan(10);

    Map<dev.pizza.CommitId, CommitRecord> records = bake(dir);
    assertThat(records).hasSize(300);
    try (TestRepository repo = TestRepository.open(dir);
        RevWalk walk = new RevWalk(repo.repository())) {
      for (CommitRecord r : records.values()) {
        RevCommit rc = walk.parseCommit(ObjectId.fromString(r.id().hex()));
        assertThat(r.message()).isEqualTo(rc.getFullMessage());
        assertThat(r.author().name()).isEqualTo(rc.getAuthorIdent().getName());
        assertThat(r.author().instant()).isEqualTo(rc.getAuthorIdent().getWhenAsInstant());
        assertThat(r.author().offset()).isEqualTo(rc.getAuthorIdent().getZoneOffset());
        assertThat(r.parents())
            .extracting(c -> c.hex())
            .containsExactly(
                java.util.Arrays.stream(rc.getParents())
                    .map(RevCommit::name)
                    .toArray(String[]::new));
      }
    }
  }

  @Test
  void damagedPackData_failsWithStorageError_andSavesNoCheckpoint() throws Exception {
    NativeGit.assumeInstalled("to write the pack");
    Path dir = packedRepository(false);
    Path pack = packFile(dir, ".pack");
    byte[] bytes = Files.readAllBytes(pack);
    for (int i = bytes.length / 3; i < bytes.length - 20; i += 7) {
      bytes[i] ^= 0x5a; // scribble over most of the objects
    }
    pack.toFile().setWritable(true);
    Files.write(pack, bytes);
    assertBakeFailsCleanly(dir);
  }

  @Test
  void truncatedPackIndex_failsWithStorageError_andSavesNoCheckpoint() throws Exception {
    NativeGit.assumeInstalled("to write the pack");
    Path dir = packedRepository(false);
    Path idx = packFile(dir, ".idx");
    byte[] bytes = Files.readAllBytes(idx);
    idx.toFile().setWritable(true);
    Files.write(idx, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertBakeFailsCleanly(dir);
  }

  @Test
  void packIndexFanoutPastItsObjects_failsWithStorageError_notAnIndexOutOfBounds()
      throws Exception {
    NativeGit.assumeInstalled("to write the pack");
    Path dir = packedRepository(false);
    patchIndex(
        dir,
        bytes -> {
          // buckets far past the objects; the count (entry 255) kept
          for (int i = 0; i < 255; i++) {
            bytes.putInt(8 + i * 4, (i + 1) << 23);
          }
        });
    assertBakeFailsCleanly(dir);
  }

  @Test
  void packIndexLargeOffsetPastItsTable_failsWithStorageError_notAnIndexOutOfBounds()
      throws Exception {
    NativeGit.assumeInstalled("to write the pack");
    Path dir = packedRepository(false);
    patchIndex(
        dir,
        bytes -> {
          int names = 8 + 256 * 4;
          int count = bytes.getInt(names - 4);
          int offsets = names + count * (20 + 4);
          for (int i = 0; i < count; i++) { // every object in a 64-bit table entry the index lacks
            bytes.putInt(offsets + i * 4, 0x80000000 | 1000);
          }
        });
    assertBakeFailsCleanly(dir);
  }

  @Test
  void packIndexOfAnotherPackOfTheSameName_isRefused_notReadAtTheOtherPacksOffsets()
      throws Exception {
    NativeGit.assumeInstalled("to write the packs");
    Path dir = packedRepository(false);
    Path idx = packFile(dir, ".idx");
    byte[] stale = Files.readAllBytes(idx);
    // The same objects packed again otherwise: another checksum, other offsets.
    NativeGit.run(dir, "repack", "-adf", "--window=0");
    Path newIdx = packFile(dir, ".idx");
    newIdx.toFile().setWritable(true);
    Files.write(newIdx, stale);
    assertThat(assertBakeFailsCleanly(dir)).hasStackTraceContaining("does not match its pack");
  }

  /** Bakes {@code dir}, asserts a typed storage error and no checkpoint; returns the error. */
  private static Throwable assertBakeFailsCleanly(Path dir) throws Exception {
    InMemoryCommitSink sink = new InMemoryCommitSink();
    Throwable thrown;
    try (PizzaOven oven =
        PizzaOven.builder()
            .backend(JGitBackend.builder().build())
            .allowLocalRepositories(true)
            .build()) {
      thrown = catchThrowable(() -> oven.bake(dir.toString(), sink));
    }
    assertThat(thrown).isInstanceOf(RepositoryStorageException.class);
    assertThat(sink.checkpoint(RepositoryUrl.parse(dir.toString()).id()).isEmpty()).isTrue();
    return thrown;
  }

  /** Rewrites the pack index of {@code dir} as {@code patch} changes its bytes. */
  private static void patchIndex(Path dir, java.util.function.Consumer<java.nio.ByteBuffer> patch)
      throws IOException {
    Path idx = packFile(dir, ".idx");
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(Files.readAllBytes(idx));
    patch.accept(bytes);
    idx.toFile().setWritable(true);
    Files.write(idx, bytes.array());
  }

  private static Path packFile(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("objects").resolve("pack"))) {
      return s.filter(p -> p.toString().endsWith(suffix)).findFirst().orElseThrow();
    }
  }
}
