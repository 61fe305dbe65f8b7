package dev.pizza.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pizza.RepositoryId;
import dev.pizza.errors.StorageExhaustedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 10: a full store says what does not fit, not what is not the case, and does not
 * evict entries for a budget that eviction cannot meet.
 */
class StoreMessagesTest {
  @TempDir Path root;
  private final List<String> evicted = new ArrayList<>();

  private DiskRepoStore.Builder builder(long capacity) {
    return DiskRepoStore.builder()
        .root(root)
        .freeSpace(FakeRepos.disk(capacity))
        .evictionListener(evicted::add);
  }

  private static void use(DiskRepoStore store, int n, long payload) throws Exception {
    store.acquire(FakeRepos.id(n), FakeRepos.loader(payload)).close();
  }

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

  @Test
  void repositoryLargerThanMaxBytes_evictedEveryEntryBeforeFailing() throws Exception {
    try (DiskRepoStore store = builder(1_000_000).maxBytes(500).build()) {
      use(store, 1, 100);
      use(store, 2, 100);
      Throwable t = catchThrowable(() -> use(store, 3, 1000));
      assertThat(t).isInstanceOf(StorageExhaustedException.class);
      assertThat(evicted).as("nothing evicted for a load that cannot fit").isEmpty();
      assertThat(store.entries()).hasSize(2);
    }
  }

  /** 500G typed for 500M: the floor is above what the whole file system could ever have free. */
  @Test
  void minFreeFloorNoEvictionCanReach_evictedEveryUnpinnedEntryThenFailed() throws Exception {
    long capacity = 1_000;
    long entry = FakeRepos.sizeWith(79); // 100 bytes
    try (DiskRepoStore store = builder(capacity).build()) {
      use(store, 1, 79);
      use(store, 2, 79);
      use(store, 3, 79);
      store.pin(FakeRepos.id(3));

      Throwable t = catchThrowable(() -> store.setMinFreeBytes(500_000));

      assertThat(t).isInstanceOf(StorageExhaustedException.class);
      assertThat(evicted).as("nothing evicted for an unreachable floor").isEmpty();
      assertThat(store.entries()).hasSize(3);
      long free = capacity - 3 * entry;
      assertThat(t.getMessage())
          .as("says the floor, the free space, what eviction could free, and what to do")
          .contains("min-free-bytes 500000 bytes (488.3 KiB)")
          .contains(free + " bytes free")
          .contains("would free " + 2 * entry + " bytes more")
          .contains((free + 2 * entry) + " bytes at most")
          .contains("nothing was evicted")
          .contains("Lower min-free-bytes")
          .contains(root.toString());
    }
  }

  @Test
  void minFreeFloorNoEvictionCanReach_loadEvictedEveryEntryThenFailed() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    try (DiskRepoStore store = builder(1_000).build()) {
      use(store, 1, 79);
      use(store, 2, 79);
    }
    try (DiskRepoStore store = builder(1_000).minFreeBytes(500_000).build()) {
      assertThat(evicted).as("opening evicts nothing for an unreachable floor").isEmpty();

      Throwable t =
          catchThrowable(() -> store.acquire(FakeRepos.id(3), FakeRepos.loader(10, loads)));

      assertThat(t)
          .isInstanceOf(StorageExhaustedException.class)
          .hasMessageContaining("before loading it")
          .hasMessageContaining("min-free-bytes 500000 bytes");
      assertThat(loads).as("refused before cloning").hasValue(0);
      assertThat(evicted).isEmpty();
      assertThat(store.entries()).hasSize(2);
      try (Lease hit = store.acquire(FakeRepos.id(1), FakeRepos.noLoad())) {
        assertThat(hit.directory()).as("a cached repository is still served").exists();
      }
    }
  }

  @Test
  void minFreeFloorReachable_stillEvictsOnlyWhatItNeeds() throws Exception {
    try (DiskRepoStore store = builder(1_000).build()) {
      use(store, 1, 79);
      use(store, 2, 79);
      use(store, 3, 79);
      store.setMinFreeBytes(750); // 700 free: evicting the oldest (100) makes 800
      assertThat(evicted).containsExactly(FakeRepos.id(1).key());
    }
  }
}
