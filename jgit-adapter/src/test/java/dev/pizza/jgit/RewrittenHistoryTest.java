package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.BakeResult;
import dev.pizza.CommitId;
import dev.pizza.PizzaOven;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Force-pushes seen over a real transport (git://) through the store: retractions are exactly the
 * commits no longer reachable, new commits arrive once; and when the store's copy was evicted and
 * cloned again without the old commits, the sink is told to resync and gets the reachable set.
 */
class RewrittenHistoryTest {
  @TempDir Path tmp;
  private RemoteFixture fx;
  private GitDaemonServer server;
  private final RecordingSink sink = new RecordingSink();
  private final ObjectId[] line = new ObjectId[6];

  @BeforeEach
  void setUp() throws Exception {
    fx = new RemoteFixture(tmp.resolve("served"));
    server = new GitDaemonServer(fx.base);
    for (int i = 0; i < line.length; i++) {
      line[i] = i == 0 ? fx.origin.commit(100) : fx.origin.commit(100 + i, line[i - 1]);
    }
    fx.origin.branch("main", line[5]);
    fx.origin.tag("v1", line[5]);
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
    fx.close();
  }

  private PizzaOven oven() throws Exception {
    return PizzaOven.builder()
        .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
        .batchSize(2)
        .build();
  }

  /** Resets main onto a new line from line[1] and moves v1 onto it; returns the new commits. */
  private Set<CommitId> forcePush() throws Exception {
    ObjectId d = line[1];
    Set<CommitId> fresh = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      d = fx.origin.commit(500 + i, d);
      fresh.add(Reachable.id(d));
    }
    fx.origin.branch("main", d);
    fx.origin.tag("v1", d);
    return fresh;
  }

  @Test
  void branchResetAndTagMoved_retractsExactlyTheLostCommits_deliversNewOnce() throws Exception {
    try (PizzaOven oven = oven()) {
      oven.bake(server.url("origin.git"), sink);
      Set<CommitId> before = fx.reachable();
      int delivered = sink.delivered.size();

      Set<CommitId> fresh = forcePush();
      BakeResult r = oven.bake(server.url("origin.git"), sink);

      Set<CommitId> lost = new HashSet<>(before);
      lost.removeAll(fx.reachable());
      assertThat(lost).hasSize(4);
      assertThat(sink.retracted).doesNotHaveDuplicates();
      assertThat(new HashSet<>(sink.retracted)).isEqualTo(lost);
      List<CommitId> added = sink.deliveredIdList().subList(delivered, sink.delivered.size());
      assertThat(added).doesNotHaveDuplicates();
      assertThat(new HashSet<>(added)).isEqualTo(fresh);
      assertThat(r.retractedCommits()).isEqualTo(4);
      assertThat(r.newCommits()).isEqualTo(4);
      assertThat(r.resynced()).isFalse();
      assertThat(sink.resyncs).isZero();
    }
  }

  @Test
  void mirrorEvictedAfterForcePush_oldObjectsGone_sinkResyncsWithFullReachableSet()
      throws Exception {
    try (PizzaOven oven = oven()) {
      oven.bake(server.url("origin.git"), sink);
    }
    forcePush();
    // The store's copy is gone (evicted); a new clone holds only what is reachable now.
    try (Stream<Path> entries = java.nio.file.Files.list(tmp.resolve("store").resolve("repos"))) {
      entries.forEach(ForwardingStore::deleteTree);
    }
    int delivered = sink.delivered.size();
    try (PizzaOven oven = oven()) {
      BakeResult r = oven.bake(server.url("origin.git"), sink);
      assertThat(r.resynced()).isTrue();
      assertThat(sink.resyncs).isEqualTo(1);
      List<CommitId> after = sink.deliveredIdList().subList(delivered, sink.delivered.size());
      assertThat(after).doesNotHaveDuplicates();
      assertThat(new HashSet<>(after)).isEqualTo(fx.reachable());
      assertThat(r.newCheckpoint().commits())
          .contains(Reachable.id(fx.origin.repository().exactRef("refs/heads/main").getObjectId()));
    }
  }
}
