package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pizza.CommitId;
import dev.pizza.PizzaOven;
import dev.pizza.errors.RepositoryStorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9, item 11: the normalization gaps that need a server or the disk to show. */
class LocalAndHostGapsTest {
  @TempDir Path tmp;

  private PizzaOven oven() throws Exception {
    return PizzaOven.builder()
        .backend(
            JGitBackend.builder()
                .storeDirectory(tmp.resolve("store"))
                .timeout(Duration.ofSeconds(20))
                .build())
        .allowLocalRepositories(true)
        .build();
  }

  private static Set<CommitId> repo(Path dir, boolean bare) throws Exception {
    try (TestRepository r =
        bare ? TestRepository.createBare(dir) : TestRepository.createWithWorkTree(dir)) {
      ObjectId tip = r.commit(1_000);
      tip = r.commit(1_001, tip);
      r.branch("main", tip);
      return Reachable.fromBranchesAndTags(r.repository());
    }
  }

  @Test
  void ipv4MappedIpv6Host_saysUnsupportedTransport() throws Exception {
    Path served = tmp.resolve("served");
    Set<CommitId> commits = repo(served.resolve("x.git"), true);
    try (SmartHttpServer server = new SmartHttpServer(served);
        PizzaOven oven = oven()) {
      RecordingSink sink = new RecordingSink();
      oven.bake("http://[::ffff:127.0.0.1]:" + server.port() + "/x.git", sink);
      assertThat(new HashSet<>(sink.deliveredIdList())).isEqualTo(commits);
    }
  }

  /**
   * Root reads a directory whatever its mode (CAP_DAC_READ_SEARCH), and CI runs as root: then the
   * test looks for a directory the kernel denies even to this process, a real denial rather than a
   * mode bit. /proc/1/map_files is one where the caller may not inspect process 1 (in some
   * sandboxes, root included); there the denial comes when the entries are read, not when the
   * directory is opened, which once escaped as an internal error (DirectoryIteratorException).
   * Where no such directory exists the test is skipped: a unit test cannot honestly drop root's
   * privileges (no setuid from the JVM, and no child process under another user here).
   */
  @Test
  void unreadableDirectory_saysNoRepositoryThere() throws Exception {
    Path dir = tmp.resolve("locked");
    repo(dir, false);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("---------"));
    try {
      Path denied = dir;
      if (canList(dir)) {
        Path kernelDenied = Path.of("/proc/1/map_files");
        denied = Files.isDirectory(kernelDenied) && !canList(kernelDenied) ? kernelDenied : null;
      }
      assumeTrue(
          denied != null,
          "modes do not block reads for this user (root) and no directory here denies it either");
      try (PizzaOven oven = oven()) {
        Path target = denied;
        Throwable t = catchThrowable(() -> oven.bake(target.toString(), new RecordingSink()));
        assertThat(t).isInstanceOf(RepositoryStorageException.class);
        assertThat(t.getMessage()).contains("permission denied").contains(target.toString());
      }
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void includePathToNonConfigFile_saysInternalErrorIllegalArgument() throws Exception {
    Path dir = tmp.resolve("work");
    repo(dir, false);
    Path config = dir.resolve(".git/config");
    String original = Files.readString(config, StandardCharsets.UTF_8);
    byte[][] contents = {
      {'[', 0, (byte) 0xff, '\n', '=', '"', '\\'},
      "this is not a config\n".getBytes(StandardCharsets.UTF_8)
    };
    for (byte[] content : contents) {
      Path notConfig = tmp.resolve("not-a-config.bin");
      Files.write(notConfig, content);
      Path included = notConfig;
      Files.writeString(
          config, original + "[include]\n\tpath = " + included + "\n", StandardCharsets.UTF_8);
      try (PizzaOven oven = oven()) {
        Throwable t = catchThrowable(() -> oven.bake(dir.toString(), new RecordingSink()));
        assertThat(t).as(included.toString()).isInstanceOf(RepositoryStorageException.class);
        assertThat(t.getMessage()).contains("config").contains(dir.toString());
      }
    }
  }

  private static boolean canList(Path dir) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.iterator().hasNext();
      return true;
    } catch (IOException | java.nio.file.DirectoryIteratorException e) {
      return false;
    }
  }
}
