package dev.pizza.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One store per root. */
class RootLockTest {
  @TempDir Path root;

  @Test
  void secondStore_sameRoot_failsFastWithClearMessage() throws Exception {
    try (DiskRepoStore first = DiskRepoStore.builder().root(root).build()) {
      assertThatIllegalStateException()
          .isThrownBy(() -> DiskRepoStore.builder().root(root).build())
          .withMessageContaining("is locked")
          .withMessageContaining("one store per root");
    }
  }

  @Test
  void secondStore_afterFirstClosed_opens() throws Exception {
    DiskRepoStore.builder().root(root).build().close();
    try (DiskRepoStore again = DiskRepoStore.builder().root(root).build()) {
      assertThat(again.entries()).isEmpty();
    }
  }
}
