package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.BakeResult;
import dev.pizza.CommitId;
import dev.pizza.PizzaOven;
import dev.pizza.RefScope;
import dev.pizza.errors.SinkException;
import dev.pizza.spi.Acquisition;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every reachable commit reaches the sink exactly once over repeated bakes, whatever its date. */
class BakeExactnessTest {
  private static final long DAY = 86_400;
  private static final long T0 = 1_700_000_000L;

  @TempDir Path tmp;
  private TestRepository repo;
  private PizzaOven oven;
  private final RecordingSink sink = new RecordingSink();

  @BeforeEach
  void setUp() throws Exception {
    repo = TestRepository.createBare(tmp.resolve("origin.git"));
    oven = oven(RefScope.BRANCHES_AND_TAGS);
  }

  private PizzaOven oven(RefScope scope) throws Exception {
    return PizzaOven.builder()
        .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
        .allowLocalRepositories(true)
        .refScope(scope)
        .batchSize(3)
        .build();
  }

  @AfterEach
  void tearDown() {
    oven.close();
    repo.close();
  }

  private BakeResult bake() throws Exception {
    return oven.bake(tmp.resolve("origin.git").toString(), sink);
  }

  private void assertExactlyOnceEachReachable() throws Exception {
    Set<CommitId> reachable = Reachable.fromBranchesAndTags(repo.repository());
    List<CommitId> all = sink.deliveredIdList();
    assertThat(new HashSet<>(all)).as("delivered set").isEqualTo(reachable);
    assertThat(all).as("no commit delivered twice").doesNotHaveDuplicates();
  }

  /** Scenarios: linear history. */
  @Nested
  class LinearHistory {

    @Test
    void linearHistory_firstBakeDeliversAll_secondDeliversOnlyNew() throws Exception {
      ObjectId c = null;
      for (int i = 0; i < 10; i++) {
        c = c == null ? repo.commit(T0 + i * DAY) : repo.commit(T0 + i * DAY, c);
      }
      repo.branch("main", c);

      BakeResult first = bake();
      assertThat(first.newCommits()).isEqualTo(10);
      assertThat(first.acquisition()).isEqualTo(Acquisition.READ_IN_PLACE);
      assertExactlyOnceEachReachable();

      ObjectId d = repo.commit(T0 + 20 * DAY, c);
      ObjectId e = repo.commit(T0 + 21 * DAY, d);
      repo.branch("main", e);
      BakeResult second = bake();

      assertThat(second.newCommits()).isEqualTo(2);
      assertThat(sink.delivered.subList(10, 12))
          .extracting(r -> r.id().hex())
          .containsExactlyInAnyOrder(d.name(), e.name());
      assertThat(second.oldCheckpoint()).isEqualTo(first.newCheckpoint());
      assertExactlyOnceEachReachable();
    }

    @Test
    void unchangedRepository_secondBakeDeliversNothing() throws Exception {
      repo.branch("main", repo.commit(T0, repo.commit(T0 - DAY)));
      bake();
      BakeResult again = bake();
      assertThat(again.newCommits()).isZero();
      assertThat(again.retractedCommits()).isZero();
      assertExactlyOnceEachReachable();
    }
  }

  /** Scenarios: merges and dates. */
  @Nested
  class MergesAndDates {

    @Test
    void branchWithOlderDates_mergedLate_isDelivered() throws Exception {
      ObjectId root = repo.commit(T0);
      ObjectId m1 = repo.commit(T0 + 10 * DAY, root);
      repo.branch("main", m1);
      bake();

      // A side branch written "in the past": its dates are older than anything on main.
      ObjectId s1 = repo.commit(T0 - 100 * DAY, root);
      ObjectId s2 = repo.commit(T0 - 99 * DAY, s1);
      ObjectId merge = repo.commit(T0 + 11 * DAY, m1, s2);
      repo.branch("main", merge);
      BakeResult second = bake();

      assertThat(second.newCommits()).as("s1, s2 and the merge").isEqualTo(3);
      assertExactlyOnceEachReachable();
      assertThat(sink.delivered.stream().filter(r -> r.id().hex().equals(merge.name())).findFirst())
          .get()
          .satisfies(r -> assertThat(r.isMerge()).isTrue());
    }

    @Test
    void mergeOfAlreadyBakedBranch_deliversOnlyTheMerge() throws Exception {
      ObjectId root = repo.commit(T0);
      ObjectId a = repo.commit(T0 + DAY, root);
      ObjectId b = repo.commit(T0 + 2 * DAY, root);
      repo.branch("main", a);
      repo.branch("topic", b);
      bake();
      ObjectId merge = repo.commit(T0 - 5 * DAY, a, b);
      repo.branch("main", merge);
      repo.deleteRef(Constants.R_HEADS + "topic");
      BakeResult second = bake();
      assertThat(second.newCommits()).isEqualTo(1);
      assertThat(second.retractedCommits()).isZero();
      assertExactlyOnceEachReachable();
    }
  }

  /** Scenarios: branches and tags. */
  @Nested
  class BranchesAndTags {

    @Test
    void severalBranchesAndTags_andATagOnACommitNoBranchReaches_allDelivered() throws Exception {
      ObjectId root = repo.commit(T0);
      ObjectId a = repo.commit(T0 + 1, root);
      ObjectId b = repo.commit(T0 + 2, root);
      ObjectId orphanTagged = repo.commit(T0 + 3, b);
      ObjectId lonelyRoot = repo.commit(T0 + 4);
      repo.branch("main", a);
      repo.branch("feature", b);
      repo.tag("v1", a);
      repo.tag("only-tag", orphanTagged);
      repo.tag("annotated", repo.annotatedTag("annotated", lonelyRoot, Constants.OBJ_COMMIT));
      repo.tag("tree-tag", repo.emptyTree());

      BakeResult r = bake();

      assertThat(r.newCommits()).isEqualTo(5);
      assertThat(r.newCheckpoint().tips())
          .containsEntry("refs/tags/only-tag", Reachable.id(orphanTagged))
          .containsEntry("refs/tags/annotated", Reachable.id(lonelyRoot))
          .doesNotContainKey("refs/tags/tree-tag");
      assertExactlyOnceEachReachable();
    }

    @Test
    void defaultBranchScope_deliversOnlyTheDefaultBranch() throws Exception {
      oven.close();
      oven = oven(RefScope.DEFAULT_BRANCH);
      ObjectId root = repo.commit(T0);
      ObjectId a = repo.commit(T0 + 1, root);
      repo.branch("main", a);
      repo.branch("other", repo.commit(T0 + 2, root));
      BakeResult r = bake();
      assertThat(r.newCommits()).isEqualTo(2);
      assertThat(r.newCheckpoint().tips()).containsOnlyKeys("refs/heads/main");
    }
  }

  /** Scenarios: failures. */
  @Nested
  class Failures {

    @Test
    void sinkThrowsMidBake_nextBakeRedeliversFromOldCheckpoint() throws Exception {
      ObjectId c = repo.commit(T0);
      for (int i = 1; i < 10; i++) {
        c = repo.commit(T0 + i, c);
      }
      repo.branch("main", c);
      sink.failAtAccept(2);

      assertThatThrownBy(BakeExactnessTest.this::bake)
          .isInstanceOf(SinkException.class)
          .hasMessageContaining("sink failure injected by the test");
      assertThat(sink.checkpoints).as("no checkpoint saved by a failed bake").isEmpty();
      assertThat(sink.aborts).isEqualTo(1);

      BakeResult retry = bake();
      assertThat(retry.oldCheckpoint().isEmpty()).isTrue();
      assertThat(retry.newCommits()).isEqualTo(10);
      assertThat(sink.deliveredIds()).isEqualTo(Reachable.fromBranchesAndTags(repo.repository()));
    }

    @Test
    void interruptedMidBake_isCancelled_savesNoCheckpoint_andTheNextBakeDeliversAll()
        throws Exception {
      ObjectId c = repo.commit(T0);
      for (int i = 1; i < 30; i++) {
        c = repo.commit(T0 + i, c);
      }
      repo.branch("main", c);
      RecordingSink interrupting =
          new RecordingSink() {
            @Override
            public void accept(
                dev.pizza.RepositoryId r, java.util.List<dev.pizza.CommitRecord> commits) {
              super.accept(r, commits);
              Thread.currentThread().interrupt();
            }
          };
      try {
        assertThatThrownBy(() -> oven.bake(tmp.resolve("origin.git").toString(), interrupting))
            .isInstanceOf(dev.pizza.errors.BakeCancelledException.class);
      } finally {
        Thread.interrupted(); // clear the flag for what follows
      }
      assertThat(interrupting.checkpoints).isEmpty();
      assertThat(interrupting.aborts).isEqualTo(1);

      BakeResult retry = bake();
      assertThat(retry.newCommits()).isEqualTo(30);
    }
  }

  /** Scenarios: rewritten history. */
  @Nested
  class RewrittenHistory {

    @Test
    void forcePush_retractsExactlyTheCommitsNoLongerReachable() throws Exception {
      ObjectId root = repo.commit(T0);
      ObjectId a1 = repo.commit(T0 + 1, root);
      ObjectId a2 = repo.commit(T0 + 2, a1);
      repo.branch("main", a2);
      repo.tag("v1", a1);
      bake();

      ObjectId b1 = repo.commit(T0 + 3, root);
      repo.branch("main", b1); // force-push: a2 is gone, a1 still tagged
      BakeResult r = bake();

      assertThat(sink.retracted).containsExactly(Reachable.id(a2));
      assertThat(r.retractedCommits()).isEqualTo(1);
      assertThat(r.newCommits()).isEqualTo(1);
      Set<CommitId> view = sink.deliveredIds();
      sink.retracted.forEach(view::remove);
      assertThat(view).isEqualTo(Reachable.fromBranchesAndTags(repo.repository()));
    }
  }

  /** Scenarios: through the store. */
  @Nested
  class ThroughTheStore {

    @Test
    void fileUrl_isClonedIntoTheStore_thenFetched() throws Exception {
      ObjectId a = repo.commit(T0);
      repo.branch("main", a);
      String url = tmp.resolve("origin.git").toUri().toString();
      BakeResult first = oven.bake(url, sink);
      assertThat(first.acquisition()).isEqualTo(Acquisition.CLONED);
      assertThat(first.newCommits()).isEqualTo(1);

      repo.branch("main", repo.commit(T0 + 1, a));
      BakeResult second = oven.bake(url, sink);
      assertThat(second.acquisition()).isEqualTo(Acquisition.FETCHED);
      assertThat(second.newCommits()).isEqualTo(1);
      assertExactlyOnceEachReachable();
    }
  }

  /** Scenarios: generation numbers kept between bakes. */
  @Nested
  class GenerationNumbersKeptBetweenBakes {

    @Test
    void longHistory_throughTheStore_incrementalBakesStayExact() throws Exception {
      ObjectId c = repo.commit(T0);
      ObjectId side = c;
      for (int i = 1; i < 1200; i++) {
        c = i % 50 == 0 ? repo.commit(T0 + i, c, side) : repo.commit(T0 + i, c);
        if (i % 7 == 0) {
          side = repo.commit(T0 - i, side); // a side line with older dates, merged every 50
        }
      }
      repo.branch("main", c);
      String url = tmp.resolve("origin.git").toUri().toString();
      BakeResult first = oven.bake(url, sink);
      assertThat(first.newCommits())
          .isEqualTo(Reachable.fromBranchesAndTags(repo.repository()).size());
      try (var files = java.nio.file.Files.walk(tmp.resolve("store"))) {
        assertThat(files.anyMatch(p -> p.getFileName().toString().endsWith(".gen")))
            .as("the full bake wrote generation numbers into the mirror")
            .isTrue();
      }
      for (int round = 0; round < 3; round++) {
        ObjectId a = repo.commit(T0 - 1000 * round, side);
        ObjectId m = repo.commit(T0 + 10_000 + round, c, a);
        Set<CommitId> before = Reachable.fromBranchesAndTags(repo.repository());
        repo.branch("main", m);
        c = m;
        side = a;
        Set<CommitId> added = new HashSet<>(Reachable.fromBranchesAndTags(repo.repository()));
        added.removeAll(before);
        BakeResult r = oven.bake(url, sink);
        assertThat(r.newCommits()).as("round %d", round).isEqualTo(added.size());
      }
      assertExactlyOnceEachReachable();
    }
  }
}
