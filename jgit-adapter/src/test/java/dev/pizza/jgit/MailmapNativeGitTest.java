package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Mailmap;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryUrl;
import dev.pizza.testing.InMemoryCommitSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mapped identities equal {@code git log --use-mailmap} commit for commit, on a repository native
 * git builds with a committed {@code .mailmap} holding every rule form of {@code gitmailmap(5)}.
 */
class MailmapNativeGitTest {
  /** The committed mailmap: each form, case variants, combining lines, comments and junk. */
  private static final String MAILMAP =
      "# canonical identities\n"
          + "\n"
          + "Proper One <one@old>\n"
          + "<two@new> <two@old>\n"
          + "Proper Three <three@new> <three@old>\n"
          + "Proper Four <four@new> Four Commit <four@old>\n"
          + "<five@new> Five <five@old>\n"
          + "Six Name <six@old>\n"
          + "<six@new> <six@old>\n"
          + "First Seven <seven@old>\n"
          + "Second Seven <seven@old>\n"
          + "Nobody <nobody@new> <>\n"
          + "not a mapping line\n"
          + "Broken <eight@old\n"
          + "  Spaced   Nine\t<nine@new>   Nine Commit   <NINE@OLD> trailing words\r\n";

  /** Authors (name, email) and the committer each commit gets; some match no line. */
  private static final String[][] PEOPLE = {
    {"old one", "one@old"},
    {"Two", "TWO@Old"},
    {"three", "three@old"},
    {"Four Commit", "four@old"},
    {"Other Four", "four@old"},
    {"FIVE", "five@OLD"},
    {"six", "six@old"},
    {"seven", "Seven@Old"},
    {"no email", ""},
    {"eight", "eight@old"},
    {"nine commit", "nine@old"},
    {"Unmapped Person", "unmapped@example.com"},
  };

  @TempDir Path tmp;
  private Path work;

  @BeforeEach
  void build() throws Exception {
    NativeGit.assumeInstalled("to build the repository and to read it with --use-mailmap");
    work = tmp.resolve("work");
    Files.createDirectories(work);
    NativeGit.run(work, "init", "-q", "-b", "main");
    // An older .mailmap first: git (and pizza) use HEAD's for every commit.
    Files.writeString(work.resolve(".mailmap"), "Wrong Name <one@old>\n");
    commit(PEOPLE[0], PEOPLE[11], "add an outdated .mailmap", ".mailmap");
    for (int i = 0; i < PEOPLE.length; i++) {
      commit(PEOPLE[i], PEOPLE[(i + 3) % PEOPLE.length], "commit " + i);
    }
    Files.writeString(work.resolve(".mailmap"), MAILMAP);
    Files.writeString(work.resolve("other.txt"), "a file a mailmap reader never needs\n");
    NativeGit.run(work, "add", "other.txt");
    commit(PEOPLE[2], PEOPLE[5], "the real .mailmap", ".mailmap");
  }

  private void commit(String[] author, String[] committer, String message, String... add)
      throws Exception {
    if (add.length > 0) {
      NativeGit.run(work, "add", add[0]);
    }
    NativeGit.run(
        Map.of(
            "GIT_AUTHOR_NAME", author[0],
            "GIT_AUTHOR_EMAIL", author[1],
            "GIT_COMMITTER_NAME", committer[0],
            "GIT_COMMITTER_EMAIL", committer[1]),
        work,
        "-c",
        "user.useConfigOnly=false",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        message);
  }

  @Test
  void localRepository_mapsAsGitLogUseMailmap() throws Exception {
    Map<String, String> ours = bake(work.toString(), JGitBackend.builder(), Mailmap.EMPTY);
    assertThat(ours).isEqualTo(gitLog());
    assertThat(ours.values()).anyMatch(l -> l.startsWith("Proper Four\0four@new"));
  }

  @Test
  void hostMailmap_isAppliedAfterTheRepositorysAsGitsMailmapFile() throws Exception {
    String extra = "Host Three <three@old>\nHost Unmapped <host@new> <unmapped@example.com>\n";
    Path file = tmp.resolve("extra.mailmap");
    Files.writeString(file, extra);
    Map<String, String> ours = bake(work.toString(), JGitBackend.builder(), Mailmap.parse(extra));
    assertThat(ours).isEqualTo(gitLog("-c", "mailmap.file=" + file));
    assertThat(ours.values()).anyMatch(l -> l.startsWith("Host Three\0three@new"));
  }

  @Test
  void fullMirror_readsTheMailmapAtTheDefaultBranchTip() throws Exception {
    Map<String, String> ours =
        bake(
            work.toUri().toString(),
            JGitBackend.builder().storeDirectory(tmp.resolve("store")).treeless(false),
            Mailmap.EMPTY);
    assertThat(ours).isEqualTo(gitLog());
  }

  @Test
  void treelessMirror_fetchesHeadsTreeAndMailmapAlone() throws Exception {
    Path served = tmp.resolve("served");
    NativeGit.run(
        tmp, "clone", "-q", "--bare", work.toString(), served.resolve("origin.git").toString());
    NativeGit.run(served.resolve("origin.git"), "config", "uploadpack.allowFilter", "true");
    Path store = tmp.resolve("store");
    try (GitDaemonServer server = new GitDaemonServer(served)) {
      String url = server.url("origin.git");
      Map<String, String> ours =
          bake(url, JGitBackend.builder().storeDirectory(store), Mailmap.EMPTY);

      assertThat(ours).isEqualTo(gitLog());
      Path mirror = store.resolve("repos").resolve(RepositoryUrl.parse(url).id().key());
      Map<MirrorObjects.Type, Integer> objects = MirrorObjects.countByType(mirror);
      assertThat(objects.get(MirrorObjects.Type.TREE)).as("HEAD's root tree only").isEqualTo(1);
      assertThat(objects.get(MirrorObjects.Type.BLOB))
          .as("the .mailmap only, not other.txt")
          .isEqualTo(1);
    }
  }

  @Test
  void recordsKeepTheWrittenIdentities() throws Exception {
    InMemoryCommitSink sink = new InMemoryCommitSink();
    try (PizzaOven oven =
        PizzaOven.builder()
            .backend(JGitBackend.builder().build())
            .allowLocalRepositories(true)
            .build()) {
      oven.bake(work.toString(), sink);
    }
    assertThat(sink.records(RepositoryUrl.parse(work.toString()).id()).values())
        .filteredOn(r -> r.author().email().equals("four@old"))
        .extracting(r -> r.author().name() + " -> " + r.mappedAuthor())
        .containsExactlyInAnyOrder(
            "Four Commit -> Proper Four <four@new>", "Other Four -> Other Four <four@old>");
  }

  /** Bakes {@code url} and returns, by commit id, {@code aN\0aE\0cN\0cE} of its records. */
  private Map<String, String> bake(String url, JGitBackendBuilder backend, Mailmap extra)
      throws Exception {
    InMemoryCommitSink sink = new InMemoryCommitSink();
    try (PizzaOven oven =
        PizzaOven.builder()
            .backend(backend.build())
            .allowLocalRepositories(true)
            .mailmap(extra)
            .build()) {
      oven.bake(url, sink);
    }
    Map<String, String> out = new TreeMap<>();
    for (CommitRecord r : sink.records(RepositoryUrl.parse(url).id()).values()) {
      out.put(r.id().hex(), line(r.mappedAuthor()) + "\0" + line(r.mappedCommitter()));
    }
    return out;
  }

  private static String line(Identity i) {
    return i.name() + "\0" + i.email();
  }

  /** Returns git's mapped identities, by commit id, read with {@code --use-mailmap}. */
  private Map<String, String> gitLog(String... config) throws Exception {
    String[] args = new String[config.length + 3];
    System.arraycopy(config, 0, args, 0, config.length);
    args[config.length] = "log";
    args[config.length + 1] = "--use-mailmap";
    args[config.length + 2] = "--format=%H%x00%aN%x00%aE%x00%cN%x00%cE";
    Map<String, String> out = new TreeMap<>();
    for (String l : NativeGit.run(work, args).split("\n")) {
      int cut = l.indexOf('\0');
      out.put(l.substring(0, cut), l.substring(cut + 1));
    }
    assertThat(out).hasSize(PEOPLE.length + 2);
    return out;
  }
}
