package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.RepositoryUrl;
import dev.pizza.cache.DiskRepoStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI items of issue 9, each test named after the failure it pins. */
class PizzaCliHardeningTest {
  @TempDir Path tmp;

  PizzaCliTest.Run bake(String... more) {
    return PizzaCliTest.pizza(
        concat(
            List.of(
                "bake",
                "--data-dir",
                tmp.resolve("data").toString(),
                "--cache-dir",
                tmp.resolve("cache").toString()),
            more));
  }

  static String[] concat(List<String> first, String... more) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  Path repo(int commits) throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(commits, "alice@example.com");
    }
    return dir;
  }

  // ---- item 3: credentials ----

  @Test
  void failureLines_urlsWithPasswords_neverShowThePassword() {
    List<String> urls =
        List.of(
            "http://alice:SECRET@127.0.0.1:1/nope.git",
            "http://alice:SE%43RET@127.0.0.1:1/nope.git",
            "ssh://bob:SECRET@127.0.0.1:1/nope.git",
            "https://alice:SECRET@example.com/x.git?ref=main#top",
            "ftp://alice:SECRET@example.com/x.git");
    for (String url : urls) {
      PizzaCliTest.Run run = bake("--timeout", "5s", url);

      assertThat(run.code()).as(url).isEqualTo(PizzaCli.FAILED);
      assertThat(run.err()).as(url).contains("***@").doesNotContain("SECRET", "SE%43RET");
      assertThat(run.out()).as(url).doesNotContain("SECRET");
    }
  }

  @Test
  void usageErrors_quotingAUrlWithPassword_neverShowThePassword() {
    List<String[]> calls =
        List.of(
            new String[] {"grill", "https://alice:SECRET@example.com/x"},
            new String[] {"bake", "--pin", "ftp://alice:SECRET@example.com/x", "."},
            new String[] {"bake", "--pin", "https://alice:SECRET@example.com/x?y", "."},
            new String[] {"bake", "--frobnicate=https://alice:SECRET@example.com/x", "."});
    for (String[] args : calls) {
      PizzaCliTest.Run run = PizzaCliTest.pizza(args);

      assertThat(run.code()).as(String.join(" ", args)).isEqualTo(PizzaCli.USAGE);
      assertThat(run.err() + run.out()).as(String.join(" ", args)).doesNotContain("SECRET");
    }
  }

  // ---- item 6: waiting for another process ----

  @Test
  void secondBake_onACacheAnotherProcessHolds_waitsForItThenBakes() throws Exception {
    String url = repo(3).toUri().toString();
    ChildPizza child;
    try (DiskRepoStore held = DiskRepoStore.builder().root(tmp.resolve("cache")).build()) {
      child =
          ChildPizza.start(
              tmp.resolve("logs"),
              Map.of(),
              "bake",
              "--data-dir",
              tmp.resolve("data").toString(),
              "--cache-dir",
              tmp.resolve("cache").toString(),
              url);
      awaitWaiting(child);
    }
    ChildPizza.Result result = child.await(Duration.ofMinutes(2));

    assertThat(result.code()).as("stderr: %s", result.err()).isZero();
    assertThat(result.out()).contains(": 3 new, 3 total");
    assertThat(result.err())
        .contains("waiting for another pizza to finish with the repository cache");
  }

  @Test
  void secondBake_onADataDirectoryAnotherProcessHolds_waitsForItThenBakes() throws Exception {
    Path dir = repo(2);
    ChildPizza child;
    try (DataDirectoryLock held =
        DataDirectoryLock.acquire(tmp.resolve("data"), Duration.ofSeconds(1), System.err)) {
      child =
          ChildPizza.start(
              tmp.resolve("logs"),
              Map.of(),
              "bake",
              "--data-dir",
              tmp.resolve("data").toString(),
              "--cache-dir",
              tmp.resolve("cache").toString(),
              dir.toString());
      awaitWaiting(child);
    }
    ChildPizza.Result result = child.await(Duration.ofMinutes(2));

    assertThat(result.code()).as("stderr: %s", result.err()).isZero();
    assertThat(result.out()).contains(": 2 new, 2 total");
    assertThat(result.err())
        .contains("waiting for another pizza to finish with the data directory");
  }

  private static void awaitWaiting(ChildPizza child) throws Exception {
    long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!child.errSoFar().contains("waiting for another pizza")) {
      if (System.nanoTime() > end) {
        child.kill();
        throw new AssertionError("pizza never said it waits; stderr: " + child.errSoFar());
      }
      Thread.sleep(100);
    }
  }

  @Test
  void bake_onACacheHeldPastLockWait_givesUpWithOneLine() throws Exception {
    Path dir = repo(1);
    try (DiskRepoStore held = DiskRepoStore.builder().root(tmp.resolve("cache")).build()) {
      PizzaCliTest.Run run = bake("--lock-wait", "500ms", dir.toString());

      assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
      assertThat(run.err().lines())
          .singleElement()
          .asString()
          .startsWith("pizza: cannot open the repository cache: ")
          .contains("still in use by another pizza");
    }
  }

  // ---- item 7: bounding a transfer ----

  @Test
  void bake_serverSilentLongerThanTimeout_failsAsTimedOut() throws Exception {
    try (StallingServer server = new StallingServer(StallingServer.Mode.SILENT)) {
      PizzaCliTest.Run run = bake("--timeout", "1s", server.url());

      assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
      assertThat(run.err()).contains("the server did not answer in time");
    }
  }

  @Test
  void bake_slowSteadyTransferPastDeadline_isCancelled() throws Exception {
    try (StallingServer server = new StallingServer(StallingServer.Mode.TRICKLE)) {
      PizzaCliTest.Run run = bake("--timeout", "5m", "--deadline", "2s", server.url());

      assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
      assertThat(run.err().lines())
          .singleElement()
          .asString()
          .contains("the deadline of 2.00 s (--deadline) passed");
    }
  }

  // ---- item 8: control characters ----

  @Test
  void failureLine_argumentWithControlCharacters_isEscapedOnOneLine() {
    PizzaCliTest.Run run = bake("https://example.com/x\u001b[31mred\u0007\r\nfake line");

    assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.err()).endsWith("\n").doesNotContain("\u001b", "\u0007", "\r");
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .contains("x\\x1b[31mred\\x07\\r\\nfake line");
  }

  @Test
  void bake_localPathWithTrailingNewline_isNotBakedAsThePathWithout() throws Exception {
    Path dir = repo(2);

    PizzaCliTest.Run run = bake(dir + "\n");

    assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("pizza: " + dir + "\\n: not a repository URL or path");
  }

  // ---- item 9: library logs, automatic gc ----

  @Test
  void libraryWarnings_withoutVerbose_areHidden_andShownWithIt() throws Exception {
    ChildPizza.Result quiet =
        ChildPizza.start(LoggingProbe.class, tmp.resolve("logs"), Map.of(), "bake", ".")
            .await(Duration.ofMinutes(1));
    ChildPizza.Result verbose =
        ChildPizza.start(
                LoggingProbe.class, tmp.resolve("logs"), Map.of(), "bake", "--verbose", ".")
            .await(Duration.ofMinutes(1));

    assertThat(quiet.err()).isEmpty();
    assertThat(verbose.err())
        .contains("probe: jgit warning", "probe: damaged pack", "\tat ")
        .contains("probe: jgit timestamp probe cut off")
        .contains("probe: pizza warning", "probe: pizza info");
  }

  @Test
  void bake_clonedMirror_hasAutomaticGcOff() throws Exception {
    String url = repo(2).toUri().toString();

    assertThat(bake(url).code()).isZero();

    Path mirror =
        tmp.resolve("cache").resolve("repos").resolve(RepositoryUrl.parse(url).id().key());
    try (var repository = new FileRepositoryBuilder().setGitDir(mirror.toFile()).build()) {
      StoredConfig config = repository.getConfig();
      assertThat(config.getInt("gc", "auto", 6700)).isZero();
      assertThat(config.getBoolean("receive", "autogc", true)).isFalse();
      assertThat(config.getBoolean("fetch", "autogc", true)).isFalse();
    }
  }

  // ---- progress ----

  @Test
  void bake_outputNotATerminal_drawsNoProgress() throws Exception {
    String url = repo(3).toUri().toString();

    PizzaCliTest.Run run = bake(url);

    assertThat(run.code()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(Files.exists(tmp.resolve("cache"))).isTrue();
  }
}
