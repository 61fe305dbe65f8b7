package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.BakeResult;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.PizzaOven;
import dev.pizza.spi.Acquisition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SHA-256 repositories written by native git are read in place exactly: every commit reachable from
 * branches and tags, every field as {@code git log} reports it, from loose objects and from packs
 * (offset and reference deltas), incrementally and across a force-push. Before this, JGit read
 * their ids cut to 40 digits and the bake reported an empty repository.
 */
class Sha256RepositoryTest {
  @TempDir Path tmp;
  private final Sha256Repos git = new Sha256Repos();

  private PizzaOven oven() throws Exception {
    return PizzaOven.builder()
        .backend(
            JGitBackend.builder()
                .generationsDirectory(tmp.resolve("generations"))
                .storeDirectory(tmp.resolve("store"))
                .build())
        .allowLocalRepositories(true)
        .batchSize(3)
        .build();
  }

  private static Map<CommitId, CommitRecord> byId(RecordingSink sink) {
    Map<CommitId, CommitRecord> records = new HashMap<>();
    sink.delivered.forEach(r -> records.put(r.id(), r));
    return records;
  }

  /** Linear history, a side branch merged, a branch left open, lightweight and annotated tags. */
  private Path history() throws Exception {
    Path work = Sha256Repos.init(tmp.resolve("work"), false);
    git.commit(work, "root");
    git.commit(work, "Subject line\nthat wraps", "Body with \"quotes\", \\ and tabs\t.");
    NativeGit.run(work, "branch", "side");
    git.commit(work, "on main", "Co-authored-by:   Jane   Doe   <jane@example.com>  ");
    NativeGit.run(work, "checkout", "-q", "side");
    git.commit(work, "Café on side");
    git.commit(work, "second on side");
    NativeGit.run(work, "checkout", "-q", "main");
    git.merge(work, "side");
    NativeGit.run(work, "branch", "open", "HEAD~1");
    NativeGit.run(work, "checkout", "-q", "open");
    git.commit(work, "only on open");
    NativeGit.run(work, "checkout", "-q", "main");
    NativeGit.run(work, "tag", "light", "HEAD~1");
    // An annotated tag of a commit no branch reaches.
    NativeGit.run(work, "checkout", "-q", "--orphan", "lonely");
    git.commit(work, "lonely root");
    NativeGit.run(git.nextIdentity(), work, "tag", "-a", "-m", "annotated", "annotated");
    NativeGit.run(work, "checkout", "-q", "main");
    NativeGit.run(work, "branch", "-D", "lonely");
    return work;
  }

  @Test
  void looseObjects_mergesBranchesAndTags_everyFieldEqualsGitLog() throws Exception {
    Path work = history();
    try (Stream<Path> packs = Files.list(work.resolve(".git/objects/pack"))) {
      assertThat(packs.toList()).as("no packs: every object is loose").isEmpty();
    }
    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven = oven()) {
      BakeResult r = oven.bake(work.toString(), sink);
      assertThat(r.acquisition()).isEqualTo(Acquisition.READ_IN_PLACE);
      assertThat(r.newCommits()).isEqualTo(8);
      assertThat(r.newCheckpoint().tips())
          .containsKeys("refs/heads/main", "refs/heads/open", "refs/heads/side")
          .containsKeys("refs/tags/light", "refs/tags/annotated");
      assertThat(r.newCheckpoint().tips().get("refs/tags/annotated").hex())
          .as("the annotated tag peeled to its commit")
          .isEqualTo(NativeGit.run(work, "rev-parse", "annotated^{commit}").strip());
    }
    Sha256Repos.assertEqualsGitLog(work, byId(sink));
    assertThat(sink.deliveredIdList()).doesNotHaveDuplicates();
  }

  @Test
  void packedWithOffsetDeltas_andPackedRefs_everyFieldEqualsGitLog() throws Exception {
    Path work = history();
    git.commits(work, "Change", 40, "A long body that packs well as a delta. ".repeat(40));
    NativeGit.run(work, "gc", "-q", "--aggressive");
    assertThat(work.resolve(".git/packed-refs")).exists();
    assertDeltifiedCommits(work);
    assertBakeEqualsGitLog(work, 48);
  }

  @Test
  void packedWithReferenceDeltas_thenNewLooseCommits_everyFieldEqualsGitLog() throws Exception {
    Path work = history();
    git.commits(work, "Change", 40, "A long body that packs well as a delta. ".repeat(40));
    NativeGit.run(
        work,
        "-c",
        "repack.useDeltaBaseOffset=false",
        "repack",
        "-adf",
        "--window=50",
        "--depth=50");
    assertDeltifiedCommits(work);
    git.commit(work, "loose after the pack");
    assertBakeEqualsGitLog(work, 49);
  }

  private void assertBakeEqualsGitLog(Path work, int commits) throws Exception {
    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven = oven()) {
      assertThat(oven.bake(work.toString(), sink).newCommits()).isEqualTo(commits);
    }
    Sha256Repos.assertEqualsGitLog(work, byId(sink));
  }

  private static void assertDeltifiedCommits(Path work) throws Exception {
    Path idx;
    try (Stream<Path> s = Files.list(work.resolve(".git/objects/pack"))) {
      idx = s.filter(p -> p.toString().endsWith(".idx")).findFirst().orElseThrow();
    }
    String verify = NativeGit.run(work, "verify-pack", "-v", idx.toString());
    long deltified =
        verify.lines().filter(l -> l.contains(" commit ") && l.split("\\s+").length > 5).count();
    assertThat(deltified).as("commits stored as deltas").isGreaterThan(5);
  }

  @Test
  void linkedWorktree_readsTheSharedRefsAndObjects() throws Exception {
    Path work = history();
    Path linked = tmp.resolve("linked");
    NativeGit.run(work, "worktree", "add", "-q", "-b", "wt", linked.toString());
    git.commit(linked, "on the worktree's branch");
    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven = oven()) {
      BakeResult r = oven.bake(linked.toString(), sink);
      assertThat(r.newCheckpoint().tips()).containsKey("refs/heads/wt");
    }
    Sha256Repos.assertEqualsGitLog(work, byId(sink));
  }

  @Test
  void incrementalBake_afterNewCommits_deliversOnlyThem_andKeepsGenerationsApart()
      throws Exception {
    Path work = history();
    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven = oven()) {
      oven.bake(work.toString(), sink);
      NativeGit.run(work, "gc", "-q");
      git.commits(work, "New", 3, "after the first bake");
      NativeGit.run(work, "checkout", "-q", "side");
      git.commit(work, "new on side");
      NativeGit.run(work, "checkout", "-q", "main");
      git.merge(work, "side");
      BakeResult second = oven.bake(work.toString(), sink);
      assertThat(second.newCommits()).isEqualTo(5);
      assertThat(second.resynced()).isFalse();
      BakeResult third = oven.bake(work.toString(), sink);
      assertThat(third.newCommits()).isZero();
    }
    assertThat(sink.deliveredIdList()).doesNotHaveDuplicates();
    Sha256Repos.assertEqualsGitLog(work, byId(sink));
    // Generation numbers of SHA-256 ids live apart from SHA-1 ones, in files of their own version.
    try (Stream<Path> s = Files.walk(tmp.resolve("generations"))) {
      Set<String> layers = new HashSet<>();
      s.filter(p -> p.toString().endsWith(".gen"))
          .forEach(p -> layers.add(p.getParent().getFileName().toString()));
      assertThat(layers).containsExactly("sha256");
    }
  }

  @Test
  void forcePush_retractsExactlyTheLostCommits_andDeliversTheNewOnesOnce() throws Exception {
    Path origin = Sha256Repos.init(tmp.resolve("origin.git"), true);
    // Not a clone: git 2.39 clones an empty SHA-256 repository as a SHA-1 one.
    Path work = Sha256Repos.init(tmp.resolve("work"), false);
    NativeGit.run(work, "remote", "add", "origin", origin.toString());
    git.commits(work, "Line", 6, "first line of history");
    NativeGit.run(work, "tag", "v1");
    NativeGit.run(work, "push", "-q", "origin", "main", "v1");
    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven = oven()) {
      oven.bake(origin.toString(), sink);
      Set<CommitId> before = Sha256Repos.reachable(origin);
      assertThat(sink.deliveredIds()).isEqualTo(before);

      NativeGit.run(work, "reset", "-q", "--hard", "HEAD~4");
      git.commits(work, "Rewritten", 3, "second line of history");
      NativeGit.run(work, "tag", "-f", "v1");
      NativeGit.run(work, "push", "-q", "-f", "origin", "main", "v1");
      Set<CommitId> after = Sha256Repos.reachable(origin);
      int delivered = sink.delivered.size();

      BakeResult r = oven.bake(origin.toString(), sink);

      Set<CommitId> lost = new HashSet<>(before);
      lost.removeAll(after);
      Set<CommitId> fresh = new HashSet<>(after);
      fresh.removeAll(before);
      assertThat(lost).hasSize(4);
      assertThat(fresh).hasSize(3);
      assertThat(new HashSet<>(sink.retracted)).isEqualTo(lost);
      assertThat(sink.retracted).doesNotHaveDuplicates();
      assertThat(r.retractedCommits()).isEqualTo(4);
      assertThat(new HashSet<>(sink.deliveredIdList().subList(delivered, sink.delivered.size())))
          .isEqualTo(fresh);
      assertThat(r.newCommits()).isEqualTo(3);
    }
    Map<CommitId, CommitRecord> current = byId(sink);
    current.keySet().retainAll(Sha256Repos.reachable(origin));
    Sha256Repos.assertEqualsGitLog(origin, current);
  }
}
