package dev.pizza.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.BakeResult;
import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryId;
import dev.pizza.RepositoryUrl;
import dev.pizza.Signature;
import dev.pizza.jgit.JGitBackend;
import dev.pizza.testing.InMemoryCommitSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCommitSinkTest {
  static final RepositoryId REPO =
      new RepositoryId("0123456789abcdef0123456789abcdef01234567", "/src/app");

  @TempDir Path tmp;

  static CommitRecord record(int n, String email) {
    Signature s =
        new Signature(new Identity("P" + n, email), Instant.ofEpochSecond(n), ZoneOffset.UTC);
    return CommitRecord.of(CommitId.of(String.format("%040x", n)), List.of(), s, s, "commit " + n);
  }

  static Checkpoint tip(int n) {
    return new Checkpoint(Map.of("refs/heads/main", CommitId.of(String.format("%040x", n))));
  }

  List<String> logLines(FileCommitSink sink) throws IOException {
    return Files.readAllLines(sink.directoryOf(REPO).resolve(FileCommitSink.LOG));
  }

  // ---- one bake ----

  @Test
  void newRepository_hasEmptyCheckpointAndNoFiles() throws Exception {
    try (FileCommitSink sink = new FileCommitSink(tmp)) {
      assertThat(sink.checkpoint(REPO)).isEqualTo(Checkpoint.empty());
      assertThat(sink.totals(REPO)).isEqualTo(new FileCommitSink.Totals(0, 0));
      assertThat(sink.directoryOf(REPO)).doesNotExist();
    }
  }

  @Test
  void saveCheckpoint_isReadBack_andLeavesNoTemporaryFile() throws Exception {
    Checkpoint saved =
        new Checkpoint(
            Map.of(
                "refs/heads/main",
                CommitId.of("a".repeat(40)),
                "refs/tags/v1",
                CommitId.of("b".repeat(40))));
    try (FileCommitSink sink = new FileCommitSink(tmp)) {
      sink.begin(REPO, Checkpoint.empty());
      sink.accept(REPO, List.of(record(1, "a@example.com")));
      sink.saveCheckpoint(REPO, saved);
    }

    try (FileCommitSink reopened = new FileCommitSink(tmp)) {
      assertThat(reopened.checkpoint(REPO)).isEqualTo(saved);
      assertThat(reopened.totals(REPO)).isEqualTo(new FileCommitSink.Totals(1, 1));
      assertThat(Files.readString(reopened.directoryOf(REPO).resolve(FileCommitSink.CHECKPOINT)))
          .isEqualTo(
              "refs/heads/main\t" + "a".repeat(40) + "\nrefs/tags/v1\t" + "b".repeat(40) + "\n");
      assertThat(reopened.directoryOf(REPO).resolve(FileCommitSink.CHECKPOINT + ".tmp"))
          .doesNotExist();
    }
  }

  @Test
  void intermediateCheckpoint_isReadBack_andAnAbortAfterItKeepsWhatItSaved() throws Exception {
    Checkpoint partial =
        Checkpoint.intermediate(tip(0).tips(), Set.of(CommitId.of(String.format("%040x", 2))), 2);
    try (FileCommitSink sink = new FileCommitSink(tmp)) {
      sink.begin(REPO, Checkpoint.empty());
      sink.accept(REPO, List.of(record(1, "a@example.com"), record(2, "b@example.com")));
      sink.saveCheckpoint(REPO, partial);
      sink.accept(REPO, List.of(record(3, "c@example.com")));
      sink.abort(REPO, new IllegalStateException("killed"));

      assertThat(sink.checkpoint(REPO)).isEqualTo(partial);
      assertThat(sink.totals(REPO)).isEqualTo(new FileCommitSink.Totals(2, 2));
    }
  }

  @Test
  void totals_countAuthorsIgnoringCase() throws Exception {
    try (FileCommitSink sink = new FileCommitSink(tmp)) {
      sink.begin(REPO, Checkpoint.empty());
      sink.accept(
          REPO,
          List.of(
              record(1, "A@Example.com"), record(2, "a@example.com"), record(3, "b@example.com")));
      sink.saveCheckpoint(REPO, tip(3));

      assertThat(sink.totals(REPO)).isEqualTo(new FileCommitSink.Totals(3, 2));
    }
  }

  @Test
  void email_withTabsAndNewlines_roundTrips() throws Exception {
    try (FileCommitSink sink = new FileCommitSink(tmp)) {
      sink.begin(REPO, Checkpoint.empty());
      sink.accept(REPO, List.of(record(1, "odd\t\\mail\n@x")));
      sink.saveCheckpoint(REPO, tip(1));

      assertThat(sink.commits(REPO))
          .containsExactly(Map.entry(record(1, "").id(), "odd\t\\mail\n@x"));
      assertThat(logLines(sink)).hasSize(1);
    }
  }

  @Test
  void incrementalBake_onlyAppendsToTheLog() throws Exception {
    try (FileCommitSink sink = new FileCommitSink(tmp)) {
      sink.begin(REPO, Checkpoint.empty());
      sink.accept(REPO, List.of(record(1, "a@x"), record(2, "a@x")));
      sink.saveCheckpoint(REPO, tip(2));
      List<String> before = logLines(sink);

      sink.begin(REPO, tip(2));
      sink.accept(REPO, List.of(record(3, "b@x")));
      sink.saveCheckpoint(REPO, tip(3));

      assertThat(logLines(sink)).startsWith(before.toArray(String[]::new)).hasSize(3);
      assertThat(sink.totals(REPO)).isEqualTo(new FileCommitSink.Totals(3, 2));
    }
  }

  // ---- history rewritten ----

  @Test
  void retract_removesCommitsFromTotals() throws Exception {
    try (FileCommitSink sink = new FileCommitSink(tmp)) {
      sink.begin(REPO, Checkpoint.empty());
      sink.accept(REPO, List.of(record(1, "a@x"), record(2, "b@x")));
      sink.saveCheckpoint(REPO, tip(2));
      sink.begin(REPO, tip(2));
      sink.retract(REPO, List.of(record(2, "").id()));
      sink.saveCheckpoint(REPO, tip(1));

      assertThat(sink.totals(REPO)).isEqualTo(new FileCommitSink.Totals(1, 1));
    }
  }

  @Test
  void resync_forgetsEverythingDeliveredBefore() throws Exception {
    try (FileCommitSink sink = new FileCommitSink(tmp)) {
      sink.begin(REPO, Checkpoint.empty());
      sink.accept(REPO, List.of(record(1, "a@x"), record(2, "b@x")));
      sink.saveCheckpoint(REPO, tip(2));
      sink.begin(REPO, tip(2));
      sink.resync(REPO);
      sink.accept(REPO, List.of(record(7, "c@x")));
      sink.saveCheckpoint(REPO, tip(7));

      assertThat(sink.commits(REPO)).containsOnlyKeys(record(7, "").id());
    }
  }

  // ---- failures and crashes ----

  @Test
  void abort_cutsTheLogBackToWhereTheBakeBegan() throws Exception {
    try (FileCommitSink sink = new FileCommitSink(tmp)) {
      sink.begin(REPO, Checkpoint.empty());
      sink.accept(REPO, List.of(record(1, "a@x")));
      sink.saveCheckpoint(REPO, tip(1));
      sink.begin(REPO, tip(1));
      sink.accept(REPO, List.of(record(2, "b@x")));
      sink.resync(REPO);

      sink.abort(REPO, new RuntimeException("walk failed"));

      assertThat(logLines(sink)).hasSize(1);
      assertThat(sink.checkpoint(REPO)).isEqualTo(tip(1));
      assertThat(sink.totals(REPO)).isEqualTo(new FileCommitSink.Totals(1, 1));
    }
  }

  @Test
  void crashBetweenLogAndCheckpoint_nextBakeRedelivers_totalsStayDistinct() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(3, "alice@example.com");
      repo.commits(2, "bob@example.com");
    }
    RepositoryUrl url = RepositoryUrl.parse(dir.toString());
    Path data = tmp.resolve("data");
    try (PizzaOven oven =
        PizzaOven.builder()
            .backend(JGitBackend.builder().build())
            .allowLocalRepositories(true)
            .build()) {
      InMemoryCommitSink memory = new InMemoryCommitSink();
      oven.bake(url, memory);
      List<CommitRecord> records = new ArrayList<>(memory.records(url.id()).values());

      // The crash: the records reach the log, the checkpoint is never saved, nothing is cleaned.
      FileCommitSink crashed = new FileCommitSink(data);
      crashed.begin(url.id(), Checkpoint.empty());
      crashed.accept(url.id(), records);
      crashed.close();

      try (FileCommitSink reopened = new FileCommitSink(data)) {
        assertThat(reopened.checkpoint(url.id())).isEqualTo(Checkpoint.empty());
        BakeResult result = oven.bake(url, reopened);

        assertThat(result.newCommits()).isEqualTo(5);
        assertThat(Files.readAllLines(reopened.directoryOf(url.id()).resolve(FileCommitSink.LOG)))
            .hasSize(10);
        assertThat(reopened.totals(url.id())).isEqualTo(new FileCommitSink.Totals(5, 2));
        assertThat(reopened.checkpoint(url.id())).isEqualTo(result.newCheckpoint());
      }
    }
  }

  @Test
  void lineCutShortByACrash_isIgnored_andCutOffByTheNextBake() throws Exception {
    try (FileCommitSink sink = new FileCommitSink(tmp)) {
      sink.begin(REPO, Checkpoint.empty());
      sink.accept(REPO, List.of(record(1, "a@x")));
      sink.saveCheckpoint(REPO, tip(1));
    }
    Path log = tmp.resolve(REPO.key()).resolve(FileCommitSink.LOG);
    String cut = "+\t" + record(2, "").id().hex() + "\tb@ex"; // the crash cut the email short
    Files.writeString(log, cut, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

    try (FileCommitSink reopened = new FileCommitSink(tmp)) {
      assertThat(reopened.totals(REPO)).isEqualTo(new FileCommitSink.Totals(1, 1));
      reopened.begin(REPO, tip(1));
      reopened.accept(REPO, List.of(record(2, "b@example.com")));
      reopened.saveCheckpoint(REPO, tip(2));

      assertThat(Files.readAllLines(log)).hasSize(2).doesNotContain(cut);
      assertThat(reopened.commits(REPO))
          .containsEntry(record(2, "").id(), "b@example.com")
          .hasSize(2);
    }
  }

  @Test
  void garbledLine_isSkipped() throws Exception {
    Path log = Files.createDirectories(tmp.resolve(REPO.key())).resolve(FileCommitSink.LOG);
    Files.writeString(log, "+\tnot-an-id\ta@x\n?\n+\t" + "c".repeat(40) + "\tc@x\n");

    try (FileCommitSink sink = new FileCommitSink(tmp)) {
      assertThat(sink.commits(REPO)).containsOnlyKeys(CommitId.of("c".repeat(40)));
    }
  }

  @Test
  void corruptCheckpoint_failsNamingTheFile() throws Exception {
    Path file = Files.createDirectories(tmp.resolve(REPO.key())).resolve(FileCommitSink.CHECKPOINT);
    Files.writeString(file, "refs/heads/main\tnot-an-id\n");

    try (FileCommitSink sink = new FileCommitSink(tmp)) {
      assertThatThrownBy(() -> sink.checkpoint(REPO))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("line 1");
    }
  }

  @Test
  void keyThatIsNotHex_isRefused() {
    try (FileCommitSink sink = new FileCommitSink(tmp)) {
      assertThatThrownBy(() -> sink.directoryOf(new RepositoryId("../../etc", "x")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
