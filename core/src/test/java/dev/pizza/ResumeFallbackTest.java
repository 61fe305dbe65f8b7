package dev.pizza;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.errors.InvalidRepositoryUrlException;
import dev.pizza.testing.InMemoryCommitSink;
import dev.pizza.testing.InMemoryCommitSource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An intermediate checkpoint that cannot be resumed by count never makes a bake skip commits: when
 * the source orders differently now, or the checkpoint's old tips are gone, the unfinished range is
 * delivered again (at least once); when its target commits are gone (rewritten away and cloned
 * again), what the sink holds of them cannot be told apart, so the bake resyncs.
 */
class ResumeFallbackTest {
  private static final String URL = "https://example.com/org/repo";
  private static final RepositoryId REPO = id();
  private static final String ORDER = InMemoryCommitSource.of(List.of()).order();

  private final InMemoryBackend backend = new InMemoryBackend();
  private final InMemoryCommitSink sink = new InMemoryCommitSink();

  @Test
  void checkpointOfAnotherOrder_deliversTheWholeRangeAgain() throws Exception {
    List<CommitRecord> line = line("1", 5, List.of());
    backend.set(InMemoryCommitSource.of(line), Map.of("refs/heads/main", last(line)));
    stored(line.subList(0, 2), Map.of(), last(line), 2, "another-order/1");

    BakeResult r = bake();

    assertThat(sink.ids(REPO)).isEqualTo(ids(line));
    assertThat(r.resynced()).isFalse();
    assertThat(r.alreadyDelivered()).isZero();
    assertThat(r.newCommits()).isEqualTo(5);
  }

  @Test
  void checkpointWhoseOldTipsAreGone_deliversTheWholeRangeAgain() throws Exception {
    List<CommitRecord> line = line("1", 5, List.of());
    backend.set(InMemoryCommitSource.of(line), Map.of("refs/heads/main", last(line)));
    CommitId gone = CommitId.of("e".repeat(40));
    stored(line.subList(0, 2), Map.of("refs/heads/main", gone), last(line), 2, ORDER);

    BakeResult r = bake();

    assertThat(sink.ids(REPO)).isEqualTo(ids(line));
    assertThat(r.resynced()).isFalse();
    assertThat(r.newCommits()).isEqualTo(5);
  }

  @Test
  void checkpointWhoseTargetIsGone_resyncs() throws Exception {
    List<CommitRecord> first = line("1", 4, List.of());
    List<CommitRecord> rewritten = line("2", 3, List.of(first.get(0).id()));
    List<CommitRecord> now = new ArrayList<>(first.subList(0, 1));
    now.addAll(rewritten);
    // The repository was force-pushed and cloned again: only what main reaches now is there.
    backend.set(InMemoryCommitSource.of(now), Map.of("refs/heads/main", last(rewritten)));
    stored(first.subList(0, 3), Map.of(), last(first), 3, ORDER);

    BakeResult r = bake();

    assertThat(r.resynced()).isTrue();
    assertThat(sink.ids(REPO)).isEqualTo(ids(now));
  }

  private static RepositoryId id() {
    try {
      return RepositoryUrl.parse(URL).id();
    } catch (InvalidRepositoryUrlException e) {
      throw new AssertionError(e);
    }
  }

  private BakeResult bake() throws Exception {
    try (PizzaOven oven = PizzaOven.builder().backend(backend).build()) {
      return oven.bake(URL, sink);
    }
  }

  /** Leaves the sink holding {@code held} under an intermediate checkpoint toward {@code to}. */
  private void stored(
      List<CommitRecord> held,
      Map<String, CommitId> tips,
      CommitId to,
      long delivered,
      String order) {
    sink.begin(REPO, Checkpoint.empty());
    sink.accept(REPO, held);
    sink.saveCheckpoint(
        REPO, Checkpoint.intermediate(tips, Map.of("refs/heads/main", to), delivered, order));
    sink.abort(REPO, new IllegalStateException("killed"));
  }

  private static List<CommitRecord> line(String prefix, int n, List<CommitId> parents) {
    List<CommitRecord> out = new ArrayList<>();
    List<CommitId> p = parents;
    for (int i = 1; i <= n; i++) {
      Signature s = new Signature(new Identity("n", "e"), Instant.ofEpochSecond(i), ZoneOffset.UTC);
      CommitRecord r =
          CommitRecord.of(CommitId.of(prefix + String.format("%039x", i)), p, s, s, "m");
      out.add(r);
      p = List.of(r.id());
    }
    return out;
  }

  private static CommitId last(List<CommitRecord> records) {
    return records.get(records.size() - 1).id();
  }

  private static Set<CommitId> ids(List<CommitRecord> records) {
    return Set.copyOf(records.stream().map(CommitRecord::id).toList());
  }
}
