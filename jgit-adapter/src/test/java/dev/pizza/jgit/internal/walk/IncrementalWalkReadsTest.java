package dev.pizza.jgit.internal.walk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitRecord;
import dev.pizza.jgit.TestRepository;
import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ObjectSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incremental walk reads the commits that can still matter, not the history down to the fork of
 * a long-lived branch: a new commit on a branch forked 1,500 commits ago is found by reading a
 * handful of commits, because generations follow the commit dates (as git's corrected commit dates
 * do) instead of counting levels from the roots.
 */
class IncrementalWalkReadsTest {
  @TempDir Path tmp;

  @Test
  void aNewCommitOnAnOldBranch_isFoundWithoutReadingDownToTheFork() throws Exception {
    long t = 1_600_000_000L;
    try (TestRepository repo = TestRepository.createBare(tmp.resolve("repo.git"))) {
      ObjectId main = repo.commit(t);
      ObjectId fork = main;
      for (int i = 1; i < 1_500; i++) {
        main = repo.commit(t + i * 60L, main);
        if (i == 10) {
          fork = main;
        }
      }
      ObjectId maint = repo.commit(t + 11 * 60L + 30, fork);
      Path generations = tmp.resolve("generations");
      VerifiedLayers verified = new VerifiedLayers();
      try (GenerationIndex index = GenerationIndex.open(generations, verified)) {
        FullRawCommitWalk full =
            new FullRawCommitWalk(
                ObjectSources.open(repo.repository()),
                index,
                List.of(Ids.commitId(main), Ids.commitId(maint)),
                false);
        while (full.next() != null) {
          // the full bake
        }
        full.finish(); // records the generations
        full.close();
      }
      long now = t + 1_500 * 60L;
      ObjectId newMain = repo.commit(now, main);
      ObjectId newMaint = repo.commit(now + 1, maint);

      CountingObjects objects = new CountingObjects(ObjectSources.open(repo.repository()));
      List<ObjectId> found = new ArrayList<>();
      try (GenerationIndex index = GenerationIndex.open(generations, verified);
          IncrementalCommitStream walk =
              new IncrementalCommitStream(
                  objects,
                  index,
                  List.of(Ids.commitId(newMain), Ids.commitId(newMaint)),
                  List.of(Ids.commitId(main), Ids.commitId(maint)),
                  false)) {
        for (CommitRecord r = walk.next(); r != null; r = walk.next()) {
          found.add(ObjectId.fromString(r.id().hex()));
        }
      }
      assertThat(found).containsExactlyInAnyOrder(newMain, newMaint);
      assertThat(objects.reads).isLessThan(20);
    }
  }

  /** Counts the objects a walk inflates. */
  private static final class CountingObjects implements ObjectSource {
    private final ObjectSource delegate;
    int reads;

    CountingObjects(ObjectSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public int locate(int[] w, int off) throws IOException {
      return delegate.locate(w, off);
    }

    @Override
    public ObjectFormat format() {
      return delegate.format();
    }

    @Override
    public void words(int position, int[] out, int off) throws IOException {
      delegate.words(position, out, off);
    }

    @Override
    public byte[] read(int position, int type) throws IOException {
      reads++;
      return delegate.read(position, type);
    }

    @Override
    public Typed readAny(int position) throws IOException {
      reads++;
      return delegate.readAny(position);
    }

    @Override
    public int positionBound() {
      return delegate.positionBound();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
