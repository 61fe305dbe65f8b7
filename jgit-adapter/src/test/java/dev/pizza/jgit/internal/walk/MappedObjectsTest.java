package dev.pizza.jgit.internal.walk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.jgit.NativeGit;
import dev.pizza.jgit.Reachable;
import dev.pizza.jgit.TestRepository;
import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.MappedObjects;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.PackData;
import dev.pizza.jgit.internal.pack.ReaderObjects;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every object of a real pack (commits, trees, blobs; whole and deltified) reads back from the
 * mapped reader exactly as JGit reads it, also when the pack is mapped in tiny segments so that
 * objects start near, and run across, segment boundaries (the path packs over 2 GiB take).
 */
class MappedObjectsTest {
  @TempDir Path tmp;

  private Path packedRepository() throws Exception {
    Path dir = tmp.resolve("r.git");
    Random rnd = new Random(11);
    try (TestRepository repo = TestRepository.createBare(dir);
        ObjectInserter ins = repo.repository().newObjectInserter()) {
      ObjectId parent = null;
      byte[] text = new byte[3000];
      for (int i = 0; i < 60; i++) {
        TreeFormatter tree = new TreeFormatter();
        for (int f = 0; f < 3; f++) {
          rnd.nextBytes(text); // incompressible: compressed data longer than a tiny segment
          if (f == 0) {
            System.arraycopy(("file " + i).getBytes(StandardCharsets.UTF_8), 0, text, 0, 6);
          }
          tree.append("f" + f, FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, text));
        }
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(ins.insert(tree));
        if (parent != null) {
          cb.setParentId(parent);
        }
        PersonIdent who = TestRepository.person("P", "p@example.com", 1_600_000_000L + i, "UTC");
        cb.setAuthor(who);
        cb.setCommitter(who);
        cb.setMessage(("Commit " + i + "\n\n" + "same long paragraph ".repeat(30) + "\n"));
        parent = ins.insert(cb);
      }
      ins.flush();
      repo.branch("main", parent);
    }
    NativeGit.run(dir, "repack", "-adf", "--window=20");
    return dir;
  }

  @Test
  void everyObject_readsAsJGitReadsIt_withDefaultMapping() throws Exception {
    NativeGit.assumeInstalled("to write the pack");
    compareAll(packedRepository(), PackData.SEGMENT, PackData.OVERLAP);
  }

  @Test
  void everyObject_readsAsJGitReadsIt_acrossTinySegments() throws Exception {
    NativeGit.assumeInstalled("to write the pack");
    Path dir = packedRepository();
    compareAll(dir, 4096, 64);
    compareAll(dir, 1000, 1);
  }

  private static void compareAll(Path dir, long segment, int overlap) throws Exception {
    try (TestRepository repo = TestRepository.open(dir);
        ObjectReader reader = repo.repository().newObjectReader();
        MappedObjects objects =
            MappedObjects.open(
                dir.resolve("objects"),
                ObjectFormat.SHA1,
                MappedObjects.CACHE_BYTES,
                segment,
                overlap)) {
      int seen = 0;
      int[] w = new int[5];
      for (int pos = 0; pos < objects.positionBound(); pos++) {
        ObjectId id = ObjectId.fromString(objects.name(pos));
        Ids.toWords(id, w, 0);
        assertThat(objects.locate(w, 0)).as("position of %s", id.name()).isEqualTo(pos);
        ObjectSource.Typed mine = objects.readAny(pos);
        ObjectLoader theirs = reader.open(id);
        assertThat(mine.type()).as("type of %s", id.name()).isEqualTo(theirs.getType());
        assertThat(mine.data()).as("bytes of %s", id.name()).isEqualTo(theirs.getCachedBytes());
        seen++;
      }
      assertThat(seen).as("objects in the pack: 60 commits, 60 trees, 180 blobs").isEqualTo(300);
    }
  }

  /**
   * Reading ahead ({@link ObjectSource#warm}) ids present and absent (sharing a present id's first
   * word, or not), before and after the index loads its table and with objects cached or not,
   * changes no lookup and no object read.
   */
  @Test
  void warmingIds_changesNoLookupNorRead() throws Exception {
    NativeGit.assumeInstalled("to write the pack");
    Path dir = packedRepository();
    try (MappedObjects plain =
            MappedObjects.open(dir.resolve("objects"), ObjectFormat.SHA1, 1 << 16);
        MappedObjects warmed =
            MappedObjects.open(dir.resolve("objects"), ObjectFormat.SHA1, 1 << 16)) {
      int n = plain.positionBound();
      int[] batch = new int[3 * n * 5];
      for (int round = 0; round < 16; round++) { // 16 * 900 lookups: the table loads on the way
        for (int pos = 0; pos < n; pos++) {
          plain.words(pos, batch, 3 * pos * 5);
          System.arraycopy(batch, 3 * pos * 5, batch, (3 * pos + 1) * 5, 5);
          batch[(3 * pos + 1) * 5 + 4] ^= 1; // same first word, absent
          System.arraycopy(batch, 3 * pos * 5, batch, (3 * pos + 2) * 5, 5);
          batch[(3 * pos + 2) * 5] += round + 1; // another first word, absent
        }
        warmed.warm(batch, 3 * n);
        int[] w = new int[5];
        for (int k = 0; k < 3 * n; k++) {
          System.arraycopy(batch, k * 5, w, 0, 5);
          int pos = plain.locate(w, 0);
          assertThat(warmed.locate(w, 0)).as("round %d, id %d", round, k).isEqualTo(pos);
          if (pos >= 0) {
            ObjectSource.Typed want = plain.readAny(pos);
            ObjectSource.Typed got = warmed.readAny(pos);
            assertThat(got.type()).isEqualTo(want.type());
            assertThat(got.data()).as("round %d, object %d", round, pos).isEqualTo(want.data());
          }
        }
      }
    }
  }

  /**
   * A long walk's lookups switch the index to its tables of first words and offsets (after 4,096
   * lookups here): every id is found at the same position before and after, ids that are absent,
   * also those sharing a present id's first word, are not found, and every object reads the same.
   */
  @Test
  void lookups_findTheSamePositions_beforeAndAfterTheIndexLoadsItsTable() throws Exception {
    NativeGit.assumeInstalled("to write the pack");
    Path dir = packedRepository();
    try (MappedObjects objects =
        MappedObjects.open(dir.resolve("objects"), ObjectFormat.SHA1, MappedObjects.CACHE_BYTES)) {
      int[] w = new int[5];
      java.util.Map<Integer, byte[]> before = new java.util.HashMap<>();
      for (int round = 0; round < 20; round++) {
        for (int pos = 0; pos < objects.positionBound(); pos++) {
          byte[] data = objects.readAny(pos).data().clone();
          if (round == 0) {
            before.put(pos, data);
          } else {
            assertThat(data).as("round %d, object %d", round, pos).isEqualTo(before.get(pos));
          }
          objects.words(pos, w, 0);
          assertThat(objects.locate(w, 0)).as("round %d, position %d", round, pos).isEqualTo(pos);
          w[4] ^= 1; // same first word, another id
          assertThat(objects.locate(w, 0)).as("round %d, near %d", round, pos).isEqualTo(-1);
          w[0] += 1; // another first word in (nearly always) the same fan-out bucket
          assertThat(objects.locate(w, 0)).as("round %d, after %d", round, pos).isEqualTo(-1);
        }
      }
    }
  }

  @Test
  void jgitFallback_walksTheSameCommitsAsTheMappedReader() throws Exception {
    NativeGit.assumeInstalled("to write the pack");
    Path dir = packedRepository();
    try (TestRepository repo = TestRepository.open(dir)) {
      ObjectId tip = repo.repository().resolve("refs/heads/main");
      java.util.List<String> mapped =
          walk(
              MappedObjects.open(
                  dir.resolve("objects"), ObjectFormat.SHA1, MappedObjects.CACHE_BYTES),
              tip);
      java.util.List<String> fallback =
          walk(new ReaderObjects(repo.repository().newObjectReader()), tip);
      assertThat(fallback).hasSize(60).isEqualTo(mapped);
      assertThat(new java.util.HashSet<>(fallback))
          .isEqualTo(
              Reachable.fromBranchesAndTags(repo.repository()).stream()
                  .map(dev.pizza.CommitId::hex)
                  .collect(java.util.stream.Collectors.toSet()));
    }
  }

  private static java.util.List<String> walk(ObjectSource objects, ObjectId tip) throws Exception {
    java.util.List<String> ids = new java.util.ArrayList<>();
    try (FullRawCommitWalk walk =
        new FullRawCommitWalk(
            objects, GenerationIndex.none(), java.util.List.of(Ids.commitId(tip)), false)) {
      for (RawCommitWalk.RawCommit c = walk.next(); c != null; c = walk.next()) {
        ids.add(c.id().hex());
      }
    }
    return ids;
  }
}
