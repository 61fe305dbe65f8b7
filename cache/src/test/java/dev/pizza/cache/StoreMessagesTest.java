package dev.pizza.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pizza.RepositoryId;
import dev.pizza.errors.StorageExhaustedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9, item 10: a full store says what does not fit, not what is not the case. */
class StoreMessagesTest {
  @TempDir Path root;

  @Test
  void repositoryLargerThanMaxBytes_saysEveryEntryLeftIsPinnedOrLeased() throws Exception {
    RepositoryId big = FakeRepos.id(1);
    long size = FakeRepos.sizeWith(1000);
    try (DiskRepoStore store = DiskRepoStore.builder().root(root).maxBytes(500).build()) {
      Throwable t = catchThrowable(() -> store.acquire(big, FakeRepos.loader(1000)));
      assertThat(t).isInstanceOf(StorageExhaustedException.class);
      assertThat(t.getMessage())
          .doesNotContain("pinned or leased")
          .contains(big.url())
          .contains(String.valueOf(size))
          .contains("max-bytes 500");
    }
  }
}
