package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.jgit.internal.pack.ObjectFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the root tree's {@code .mailmap} entry is found in a raw tree, as git would take it. */
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
}
