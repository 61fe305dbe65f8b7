package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.RepositoryUrl;
import dev.pizza.jdbc.PizzaDatabase;
import dev.pizza.jdbc.RepositorySummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PizzaCliTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run pizza(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        PizzaCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs {@code pizza bake} with the data and cache directories under the test's temp dir. */
  Run bake(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("bake", "--data-dir", data().toString(), "--cache-dir", cache().toString()));
    args.addAll(List.of(more));
    return pizza(args.toArray(String[]::new));
  }

  Path data() {
    return tmp.resolve("data");
  }

  Path cache() {
    return tmp.resolve("cache");
  }

  /** Returns the repositories stored in the data directory's pizza.db. */
  List<RepositorySummary> storedRepositories() throws Exception {
    try (PizzaDatabase db =
        PizzaDatabase.open("jdbc:sqlite:" + data().resolve(DatabaseOptions.FILE_NAME))) {
      return db.queries().repositories();
    }
  }

  static List<Path> children(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  // ---- baking ----

  @Test
  void bake_localPath_deliversEveryCommit() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(3, "alice@example.com");
      repo.commits(1, "bob@example.com");
      repo.commits(1, "bob@example.com");
    }

    Run run = bake(dir.toString());

    assertThat(run.code()).as("exit code; stderr: %s", run.err()).isZero();
    assertThat(run.out()).isEqualTo(run.out().strip() + "\n").as("one summary line");
    // Authors are distinct emails, compared case-insensitively (CommitQueries.totals).
    assertThat(run.out())
        .startsWith(dir.toAbsolutePath() + ": 5 new, 5 total, 2 authors (read in place, ");
    assertThat(run.err()).isEmpty();
  }

  /** Issue 15: a SHA-256 repository made by git reported "0 new, 0 total" and exit 0. */
  @Test
  void bake_sha256Repository_inPlace_deliversEveryCommit_andOverFileUrl_failsSayingWhy()
      throws Exception {
    Path dir = tmp.resolve("sha256");
    try {
      git(tmp, "init", "-q", "--object-format=sha256", dir.toString());
    } catch (java.io.IOException e) {
      org.junit.jupiter.api.Assumptions.abort("native git is needed: " + e);
    }
    git(
        dir,
        "-c",
        "user.name=A",
        "-c",
        "user.email=a@example.com",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "one");
    git(
        dir,
        "-c",
        "user.name=A",
        "-c",
        "user.email=a@example.com",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "two");

    Run run = bake(dir.toString());
    assertThat(run.code()).as("exit code; stderr: %s", run.err()).isZero();
    assertThat(run.out()).startsWith(dir.toAbsolutePath() + ": 2 new, 2 total, 1 author ");

    Run remote = bake("file://" + dir.toAbsolutePath());
    assertThat(remote.code()).isNotZero();
    assertThat(remote.err())
        .contains("the repository's format is not supported")
        .contains(
            "this repository uses SHA-256 objects; fetching it over file:// is not supported");
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
  }

  @Test
  void bake_again_afterTwoCommits_reportsExactlyTwoNew() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(4, "alice@example.com");
      assertThat(bake(dir.toString()).out()).contains(": 4 new, 4 total, 1 author ");

      repo.commits(2, "carol@example.com");
      Run second = bake(dir.toString());

      assertThat(second.code()).isZero();
      assertThat(second.out()).contains(": 2 new, 6 total, 2 authors ");
    }
  }

  @Test
  void bake_unchanged_reportsNothingNew() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(3, "alice@example.com");
    }
    bake(dir.toString());

    assertThat(bake(dir.toString()).out()).contains(": 0 new, 3 total, 1 author ");
  }

  @Test
  void bake_bareLocalRepository_isReadInPlace() throws Exception {
    Path source = tmp.resolve("src");
    try (TestRepos repo = TestRepos.init(source)) {
      repo.commits(2, "alice@example.com");
    }
    Path bare = tmp.resolve("bare.git");
    org.eclipse.jgit.api.Git.cloneRepository()
        .setURI(source.toUri().toString())
        .setBare(true)
        .setDirectory(bare.toFile())
        .call()
        .close();

    Run run = bake(bare.toString());

    assertThat(run.code()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).contains(": 2 new, 2 total, 1 author (read in place, ");
  }

  @Test
  void bake_fileUrl_goesThroughTheStore() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(3, "alice@example.com");
    }
    String url = dir.toUri().toString();
    String key = RepositoryUrl.parse(url).id().key();

    Run first = bake(url);
    Run second = bake(url);

    assertThat(first.code()).as("stderr: %s", first.err()).isZero();
    assertThat(first.out()).contains(": 3 new, 3 total, 1 author (cloned, ");
    assertThat(second.out()).contains(": 0 new, 3 total, 1 author (fetched, ");
    assertThat(cache().resolve("repos").resolve(key)).isDirectory();
  }

  @Test
  void bake_localPath_leavesTheStoreEmpty() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(1, "alice@example.com");
    }

    assertThat(bake(dir.toString()).code()).isZero();

    assertThat(children(cache().resolve("repos"))).isEmpty();
  }

  @Test
  void bake_severalRepositories_summarisesEach() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    try (TestRepos ra = TestRepos.init(a);
        TestRepos rb = TestRepos.init(b)) {
      ra.commits(1, "alice@example.com");
      rb.commits(2, "bob@example.com");
    }

    Run run = bake(a.toString(), b.toString());

    assertThat(run.code()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith(a + ": 1 new, 1 total, 1 author ");
    assertThat(lines.get(1)).startsWith(b + ": 2 new, 2 total, 1 author ");
  }

  // ---- failures ----

  @Test
  void bake_invalidUrl_exitsOneWithOneLineAndNoCheckpoint() throws Exception {
    Run run = bake("ftp://example.com/repo");

    assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.err().lines())
        .containsExactly(
            "pizza: ftp://example.com/repo: not a repository URL or path: invalid repository URL"
                + " 'ftp://example.com/repo': scheme 'ftp' is not one of https, http, git, ssh, file");
    assertThat(run.out()).isEmpty();
    assertThat(storedRepositories()).isEmpty();
  }

  @Test
  void bake_directoryWithoutRepository_exitsOneWithOneLineAndNoCheckpoint() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("not-a-repo"));

    Run run = bake(empty.toString());

    assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("pizza: " + empty + ": no repository there: ")
        .doesNotContain("Exception");
    assertThat(storedRepositories()).isEmpty();
  }

  @Test
  void bake_oneGoodOneBad_bakesTheGoodOneAndExitsOne() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(2, "alice@example.com");
    }

    Run run = bake(tmp.resolve("missing").toString(), dir.toString());

    assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.out()).contains(dir + ": 2 new, 2 total");
    assertThat(run.err().lines()).singleElement().asString().contains("no repository there");
  }

  @Test
  void bake_verbose_printsTheStackTrace() {
    Run run = bake("--verbose", tmp.resolve("missing").toString());

    assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.err()).contains("RepositoryNotFoundException").contains("\tat ");
  }

  @Test
  void bake_jsonlFileCannotBeWritten_exitsOneWithOneLine() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(1, "alice@example.com");
    }

    Run run = bake("--jsonl", tmp.resolve("no/such/dir/out.jsonl").toString(), dir.toString());

    assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("pizza: cannot write the JSONL file ");
  }

  // ---- usage ----

  @Test
  void noArguments_printsUsage_exitsTwo() {
    Run run = pizza();

    assertThat(run.code()).isEqualTo(PizzaCli.USAGE);
    assertThat(run.err()).startsWith("pizza: a command is required").contains("Usage: pizza");
  }

  @Test
  void help_onEveryCommand_printsUsageToStdout_exitsZero() {
    assertThat(pizza("--help"))
        .satisfies(
            r -> {
              assertThat(r.code()).isZero();
              assertThat(r.out()).startsWith("Usage: pizza").contains("bake");
            });
    for (String command : List.of("bake", "export", "stats", "repos")) {
      Run run = pizza(command, "--help");
      assertThat(run.code()).as(command).isZero();
      assertThat(run.out()).as(command).startsWith("Usage: pizza " + command);
      assertThat(pizza("help", command).out()).as(command).startsWith("Usage: pizza " + command);
    }
  }

  @Test
  void version_printsTheVersion_exitsZero() {
    for (String[] args :
        List.of(
            new String[] {"--version"},
            new String[] {"bake", "--version"},
            new String[] {"stats", "-V"})) {
      Run run = pizza(args);

      assertThat(run.code()).isZero();
      assertThat(run.out()).startsWith("pizza ");
    }
  }

  @Test
  void usageErrors_exitTwoAndNameTheProblem() {
    assertThat(pizza("grill", "x").err())
        .startsWith("pizza: Unmatched arguments")
        .contains("grill");
    assertThat(pizza("bake").err()).startsWith("pizza: Missing required parameter: 'URL|PATH'");
    assertThat(pizza("bake", "--frobnicate", ".").err())
        .startsWith("pizza: Unknown option: '--frobnicate'");
    assertThat(pizza("bake", ".", "--data-dir").err())
        .startsWith("pizza: Missing required parameter for option '--data-dir'");
    assertThat(pizza("bake", ".", "--cache-dir").err())
        .startsWith("pizza: Missing required parameter for option '--cache-dir'");
    assertThat(pizza("bake", ".", "--jsonl").err())
        .startsWith("pizza: Missing required parameter for option '--jsonl'");
    assertThat(pizza("bake", "--timeout", "soon", ".").err())
        .startsWith("pizza: Invalid value for option '--timeout'")
        .contains("not a duration");
    assertThat(pizza("bake", "--checkpoint-every", "0", ".").err())
        .startsWith("pizza: --checkpoint-every must be at least 1, got 0");
    assertThat(pizza("bake", "--store-config", tmp.resolve("missing.yaml").toString(), ".").err())
        .startsWith("pizza: --store-config")
        .contains("cannot read");
    for (String[] args :
        List.of(
            new String[] {"bake", "--store-config", tmp.resolve("missing.yaml").toString(), "."},
            new String[] {"grill"},
            new String[] {"bake"},
            new String[] {"bake", "-x", "."},
            new String[] {"bake", ".", "--jsonl"},
            new String[] {"bake", "--deadline", "0s", "."},
            new String[] {"bake", "--checkpoint-every", "0", "."})) {
      assertThat(pizza(args).code()).as(String.join(" ", args)).isEqualTo(PizzaCli.USAGE);
    }
  }
}
