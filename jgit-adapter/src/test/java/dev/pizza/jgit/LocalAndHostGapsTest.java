package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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

  @Test
  void unreadableDirectory_saysNoRepositoryThere() throws Exception {
    Path dir = tmp.resolve("locked");
    repo(dir, false);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("---------"));
    try {
      assumeFalse(
          canList(dir),
          "permissions do not block reads for this user (root): nothing to deny here");
      try (PizzaOven oven = oven()) {
        Throwable t = catchThrowable(() -> oven.bake(dir.toString(), new RecordingSink()));
        assertThat(t).isInstanceOf(RepositoryStorageException.class);
        assertThat(t.getMessage()).contains("permission denied").contains(dir.toString());
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
    } catch (IOException e) {
      return false;
    }
  }
}
