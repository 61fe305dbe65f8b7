package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.PizzaOven;
import dev.pizza.errors.UnsupportedRepositoryException;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.eclipse.jgit.lib.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository whose config asks for what this reader cannot honour is refused as git refuses it,
 * typed, before the sink or the store is touched; what it can honour is read as before.
 */
class RepositoryFormatTest {
  @TempDir Path tmp;

  private static Config config(String text) throws Exception {
    Config c = new Config();
    c.fromText(text);
    return c;
  }

  private static ObjectFormat formatOf(String text) throws Exception {
    return RepositoryFormat.of(config(text), "the test repository");
  }

  @Test
  void objectFormat_isReadFromTheExtension_sha1WhenAbsent() throws Exception {
    assertThat(formatOf("[core]\n\trepositoryformatversion = 0\n")).isEqualTo(ObjectFormat.SHA1);
    assertThat(formatOf("")).isEqualTo(ObjectFormat.SHA1);
    assertThat(
            formatOf("[core]\nrepositoryformatversion = 1\n[extensions]\nobjectFormat = sha256\n"))
        .isEqualTo(ObjectFormat.SHA256);
    assertThat(formatOf("[core]\nrepositoryformatversion = 1\n[extensions]\nobjectformat = SHA1\n"))
        .isEqualTo(ObjectFormat.SHA1);
  }

  @Test
  void extensionsGitKnowsAndAReaderHonours_areAccepted() throws Exception {
    assertThat(
            formatOf(
                "[core]\nrepositoryformatversion = 1\n[extensions]\nnoop = x\nnoop-v1 = y\n"
                    + "preciousObjects = true\npartialClone = origin\nworktreeConfig = true\n"
                    + "refStorage = files\n"))
        .isEqualTo(ObjectFormat.SHA1);
    // Version 0 ignores extensions git does not know there, as git does.
    assertThat(formatOf("[core]\nrepositoryformatversion = 0\n[extensions]\nweird = 1\n"))
        .isEqualTo(ObjectFormat.SHA1);
  }

  @Test
  void unknownExtension_orUnknownVersion_orUnreadableRefs_areRefusedAsGitRefusesThem() {
    assertThatThrownBy(
            () -> formatOf("[core]\nrepositoryformatversion = 1\n[extensions]\nweird = 1\n"))
        .isInstanceOf(UnsupportedRepositoryException.class)
        .hasMessageContaining("extensions.weird");
    assertThatThrownBy(() -> formatOf("[core]\nrepositoryformatversion = 2\n"))
        .isInstanceOf(UnsupportedRepositoryException.class)
        .hasMessageContaining("repositoryFormatVersion is 2");
    assertThatThrownBy(
            () ->
                formatOf(
                    "[core]\nrepositoryformatversion = 0\n[extensions]\nobjectformat = sha256\n"))
        .isInstanceOf(UnsupportedRepositoryException.class)
        .hasMessageContaining("version-1 extension");
    assertThatThrownBy(
            () ->
                formatOf("[core]\nrepositoryformatversion = 1\n[extensions]\nobjectformat = md5\n"))
        .isInstanceOf(UnsupportedRepositoryException.class)
        .hasMessageContaining("md5");
    assertThatThrownBy(
            () ->
                formatOf(
                    "[core]\nrepositoryformatversion = 1\n[extensions]\nrefstorage = reftable\n"))
        .isInstanceOf(UnsupportedRepositoryException.class)
        .hasMessageContaining("reftable");
  }

  /** A real repository that native git itself refuses: read in place and over file://. */
  @Test
  void unknownExtension_inPlaceAndOverFileUrl_failsTyped_sinkAndStoreUntouched() throws Exception {
    NativeGit.assumeInstalled("to write the repository");
    Path repo = tmp.resolve("repo.git");
    try (TestRepository r = TestRepository.createBare(repo)) {
      r.branch("main", r.commit(1));
    }
    NativeGit.run(repo, "config", "core.repositoryformatversion", "1");
    Files.writeString(
        repo.resolve("config"),
        "[extensions]\n\tfutureThing = true\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    Process git = new ProcessBuilder("git", "-C", repo.toString(), "log").start();
    String said = new String(git.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(git.waitFor()).as("git refuses it too: %s", said).isNotZero();

    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven =
        PizzaOven.builder()
            .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
            .allowLocalRepositories(true)
            .build()) {
      for (String url : new String[] {repo.toString(), "file://" + repo}) {
        assertThatThrownBy(() -> oven.bake(url, sink))
            .as(url)
            .isInstanceOf(UnsupportedRepositoryException.class)
            .hasMessageContaining("extensions.futureThing");
      }
    }
    assertThat(sink.delivered).isEmpty();
    assertThat(sink.checkpoints).isEmpty();
    assertThat(sink.aborts).isZero();
    RemoteFixture.assertStoreClean(tmp.resolve("store"));
  }

  /** Extensions git honours and the reader can too: the repository bakes as before. */
  @Test
  void honouredExtensions_bakeAsBefore() throws Exception {
    NativeGit.assumeInstalled("to write the repository");
    Path repo = tmp.resolve("repo.git");
    try (TestRepository r = TestRepository.createBare(repo)) {
      r.branch("main", r.commit(2, r.commit(1)));
    }
    NativeGit.run(repo, "config", "core.repositoryformatversion", "1");
    NativeGit.run(repo, "config", "extensions.preciousObjects", "true");
    NativeGit.run(repo, "config", "extensions.worktreeConfig", "true");
    NativeGit.run(repo, "config", "extensions.noop", "true");
    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven =
        PizzaOven.builder()
            .backend(JGitBackend.builder().build())
            .allowLocalRepositories(true)
            .build()) {
      assertThat(oven.bake(repo.toString(), sink).newCommits()).isEqualTo(2);
    }
  }
}
