package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.Mailmap;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the root tree's {@code .mailmap} entry is found in a raw tree, as git would take it, and what
 * reading it costs.
 */
class HeadMailmapTest {
  private static byte[] tree(String... modesAndNames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte id = 1;
    for (int i = 0; i < modesAndNames.length; i += 2) {
      out.writeBytes(
          (modesAndNames[i] + " " + modesAndNames[i + 1]).getBytes(StandardCharsets.UTF_8));
      out.write(0);
      for (int k = 0; k < 20; k++) {
        out.write(id);
      }
      id++;
    }
    return out.toByteArray();
  }

  @Test
  void findBlob_takesRegularExecutableAndSymlinkEntries_notTreesOrSubmodulesOrOtherNames() {
    int[] w = new int[ObjectFormat.MAX_WORDS];
    ObjectFormat f = ObjectFormat.SHA1;
    assertThat(HeadMailmap.findBlob(tree("100644", ".git", "100644", ".mailmap"), f, w)).isTrue();
    assertThat(w[0]).isEqualTo(0x02020202);
    assertThat(HeadMailmap.findBlob(tree("100755", ".mailmap"), f, w)).isTrue();
    assertThat(HeadMailmap.findBlob(tree("120000", ".mailmap"), f, w)).isTrue();
    assertThat(HeadMailmap.findBlob(tree("40000", ".mailmap"), f, w)).isFalse();
    assertThat(HeadMailmap.findBlob(tree("160000", ".mailmap"), f, w)).isFalse();
    assertThat(HeadMailmap.findBlob(tree("100644", ".mailmaps", "100644", "a"), f, w)).isFalse();
    assertThat(HeadMailmap.findBlob(new byte[0], f, w)).isFalse();
    assertThat(HeadMailmap.findBlob("100644 .mailmap".getBytes(StandardCharsets.UTF_8), f, w))
        .as("truncated")
        .isFalse();
  }

  @Test
  void mailmapBlobOverTheBound_isLeftOut_withoutInflatingItWhole(@TempDir Path tmp)
      throws Exception {
    NativeGit.assumeInstalled("to pack a repository");
    Path dir = tmp.resolve("repo");
    Files.createDirectories(dir);
    NativeGit.run(dir, "init", "-q");
    int size = 96 << 20;
    byte[] line = "A <a@example.com> <b@example.com>\n".getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(dir.resolve(".mailmap")))) {
      for (int n = 0; n < size; n += line.length) {
        out.write(line);
      }
    }
    NativeGit.run(dir, "add", ".mailmap");
    NativeGit.run(
        dir, "-c", "user.name=A", "-c", "user.email=a@example.com", "commit", "-q", "-m", "big");
    NativeGit.run(dir, "repack", "-adq");
    NativeGit.run(dir, "prune-packed");
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    Mailmap read;
    long allocated;
    try (Repository repository =
        new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build()) {
      long before = threads.getCurrentThreadAllocatedBytes();
      read = HeadMailmap.read(repository, null, "repo", null);
      allocated = threads.getCurrentThreadAllocatedBytes() - before;
    }

    assertThat(read.isEmpty()).isTrue();
    assertThat(allocated).isLessThan(2L * HeadMailmap.MAX_BYTES).isLessThan(size);
  }
}
