package dev.pizza.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.RepositoryId;
import dev.pizza.errors.RepositoryStorageException;
import dev.pizza.errors.StorageExhaustedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's contract, one behaviour per test. */
class DiskRepoStoreTest {
  @TempDir Path root;
  private final List<String> evicted = new ArrayList<>();
  private final RepositoryId a = FakeRepos.id(1);
  private final RepositoryId b = FakeRepos.id(2);
  private final RepositoryId c = FakeRepos.id(3);

  private DiskRepoStore.Builder builder() {
    return DiskRepoStore.builder().root(root).evictionListener(evicted::add);
  }

  private static void use(DiskRepoStore store, RepositoryId id, long payload) throws Exception {
    store.acquire(id, FakeRepos.loader(payload)).close();
  }

  private static List<String> keys(DiskRepoStore store) {
    return store.entries().stream().map(EntrySnapshot::key).toList();
  }

  /** Scenarios: loading and hits. */
  @Nested
  class LoadingAndHits {

    @Test
    void acquire_miss_loadsIntoPlaceAndRecordsEntry() throws Exception {
      try (DiskRepoStore store = builder().build();
          Lease lease = store.acquire(a, FakeRepos.loader(100))) {
        assertThat(lease.loaded()).isTrue();
        assertThat(lease.directory()).isEqualTo(store.root().resolve("repos").resolve(a.key()));
        assertThat(lease.directory().resolve("HEAD")).exists();
        assertThat(lease.attributes()).containsEntry("payload", "100");
        EntrySnapshot e = store.entries().get(0);
        assertThat(e.url()).isEqualTo(a.url());
        assertThat(e.bytes()).isEqualTo(FakeRepos.sizeWith(100));
        assertThat(e.leases()).isEqualTo(1);
        assertThat(store.stats().misses()).isEqualTo(1);
        assertThat(store.stats().clones()).isEqualTo(1);
      }
    }

    @Test
    void acquire_hit_doesNotCallLoader() throws Exception {
      try (DiskRepoStore store = builder().build()) {
        use(store, a, 10);
        try (Lease lease = store.acquire(a, FakeRepos.noLoad())) {
          assertThat(lease.loaded()).as("a hit does not load").isFalse();
        }
        assertThat(store.stats().hits()).isEqualTo(1);
      }
    }

    @Test
    void load_loaderThrows_leavesNothingAndCountsFailure() throws Exception {
      try (DiskRepoStore store = builder().build()) {
        RepositoryLoader failing =
            (dir, budget) -> {
              try {
                FakeRepos.write(dir, 10);
              } catch (java.io.IOException e) {
                throw new AssertionError(e);
              }
              throw new RepositoryStorageException("clone failed");
            };
        assertThatThrownBy(() -> store.acquire(a, failing)).hasMessage("clone failed");
        assertThat(store.entries()).as("no entry after a failed load").isEmpty();
        assertThat(store.stats().failures()).isEqualTo(1);
        try (var tmp = Files.list(store.root().resolve("tmp"))) {
          assertThat(tmp.toList()).as("the failed load's directory is deleted").isEmpty();
        }
      }
    }

    @Test
    void load_loaderLeavesNoHead_failsWithStorageError() throws Exception {
      try (DiskRepoStore store = builder().build()) {
        RepositoryLoader incomplete = (dir, budget) -> Map.of();
        assertThatThrownBy(() -> store.acquire(a, incomplete))
            .isInstanceOf(RepositoryStorageException.class)
            .hasMessageContaining("no complete bare repository");
        assertThat(store.entries()).isEmpty();
      }
    }

    @Test
    void metadata_urlWithCredentials_storedWithout() throws Exception {
      RepositoryId withSecret = new RepositoryId(a.key(), "https://user:s3cret@example.com/x");
      try (DiskRepoStore store = builder().build()) {
        use(store, withSecret, 1);
        assertThat(store.entries().get(0).url()).isEqualTo("https://example.com/x");
        assertThat(Files.readString(store.root().resolve("repos").resolve(a.key() + ".meta")))
            .doesNotContain("s3cret");
      }
    }
  }

  /** Scenarios: eviction. */
  @Nested
  class Eviction {

    @Test
    void evict_overMaxBytes_leastRecentlyReleasedFirst() throws Exception {
      try (DiskRepoStore store = builder().maxBytes(3 * FakeRepos.sizeWith(10)).build()) {
        use(store, a, 10);
        use(store, b, 10);
        use(store, c, 10);
        use(store, a, 10); // a is now the most recently used
        use(store, FakeRepos.id(4), 10);
        assertThat(evicted).as("b was least recently used").containsExactly(b.key());
        assertThat(keys(store)).containsExactly(c.key(), a.key(), FakeRepos.id(4).key());
      }
    }

    @Test
    void evict_leasedEntry_skipped() throws Exception {
      try (DiskRepoStore store = builder().maxBytes(2 * FakeRepos.sizeWith(10)).build();
          Lease held = store.acquire(a, FakeRepos.loader(10))) {
        use(store, b, 10);
        use(store, c, 10);
        assertThat(evicted).as("leased a is skipped, b evicted").containsExactly(b.key());
        assertThat(held.directory().resolve("HEAD")).exists();
      }
    }

    @Test
    void evict_pinnedEntry_skipped() throws Exception {
      try (DiskRepoStore store =
          builder().maxBytes(2 * FakeRepos.sizeWith(10)).pinned(List.of(a)).build()) {
        use(store, a, 10);
        use(store, b, 10);
        use(store, c, 10);
        assertThat(evicted).containsExactly(b.key());
        assertThat(keys(store)).contains(a.key());
      }
    }

    @Test
    void load_nothingEvictable_failsWithStorageExhaustedAndLeavesNothing() throws Exception {
      try (DiskRepoStore store =
          builder().maxBytes(FakeRepos.sizeWith(10) + 5).pinned(List.of(a)).build()) {
        use(store, a, 10);
        assertThatThrownBy(() -> store.acquire(b, FakeRepos.loader(10)))
            .isInstanceOf(StorageExhaustedException.class)
            .hasMessageContaining(b.url());
        assertThat(keys(store)).containsExactly(a.key());
        assertThat(store.root().resolve("repos").resolve(b.key())).doesNotExist();
        try (var tmp = Files.list(store.root().resolve("tmp"))) {
          assertThat(tmp.toList()).isEmpty();
        }
      }
    }

    @Test
    void release_entryGrewOverBudget_evictsOthers() throws Exception {
      try (DiskRepoStore store = builder().maxBytes(100).build()) {
        use(store, a, 20);
        use(store, b, 20);
        try (Lease lease = store.acquire(c, FakeRepos.loader(5))) {
          FakeRepos.grow(lease.directory(), 30);
        }
        assertThat(store.entries().get(store.entries().size() - 1).bytes())
            .as("re-measured on release")
            .isEqualTo(FakeRepos.sizeWith(35));
        assertThat(evicted)
            .as("a (oldest) evicted to make room for c's growth")
            .containsExactly(a.key());
        assertThat(store.stats().bytes()).isLessThanOrEqualTo(100);
      }
    }

    @Test
    void minFreeBytes_belowFloor_evictsUntilItHolds() throws Exception {
      try (DiskRepoStore store = builder().freeSpace(FakeRepos.disk(200)).build()) {
        use(store, a, 29);
        use(store, b, 29);
        use(store, c, 29);
        store.setMinFreeBytes(120); // 3 x 50 used, free 50: evicting a frees 100, then b 150
        assertThat(evicted).containsExactly(a.key(), b.key());
        assertThat(keys(store)).containsExactly(c.key());
      }
    }

    @Test
    void setMaxBytes_allPinned_throwsStorageExhausted() throws Exception {
      try (DiskRepoStore store = builder().pinned(List.of(a)).build()) {
        use(store, a, 100);
        assertThatThrownBy(() -> store.setMaxBytes(10))
            .isInstanceOf(StorageExhaustedException.class);
        assertThat(store.maxBytes()).as("the budget is set anyway").hasValue(10);
      }
    }
  }

  /** Scenarios: pins. */
  @Nested
  class Pins {

    @Test
    void unpin_overBudget_becomesEvictable() throws Exception {
      try (DiskRepoStore store = builder().pinned(List.of(a)).build()) {
        use(store, a, 100);
        assertThatThrownBy(() -> store.setMaxBytes(10))
            .isInstanceOf(StorageExhaustedException.class);
        store.unpin(a);
        assertThat(evicted).as("unpinned a evicted at once").containsExactly(a.key());
        assertThat(store.pinnedKeys()).isEmpty();
      }
    }

    @Test
    void pin_atRunTime_protectsEntry() throws Exception {
      try (DiskRepoStore store = builder().maxBytes(2 * FakeRepos.sizeWith(10)).build()) {
        use(store, a, 10);
        store.pin(a);
        use(store, b, 10);
        use(store, c, 10);
        assertThat(evicted).containsExactly(b.key());
        assertThat(store.pinnedKeys()).containsExactly(a.key());
      }
    }
  }

  /** Scenarios: invalidation. */
  @Nested
  class Invalidation {

    @Test
    void invalidate_deletesEntryWhenLastLeaseCloses() throws Exception {
      try (DiskRepoStore store = builder().build()) {
        Lease first = store.acquire(a, FakeRepos.loader(10));
        Lease second = store.acquire(a, FakeRepos.noLoad());
        first.invalidate();
        first.close();
        assertThat(second.directory().resolve("HEAD")).as("kept while still leased").exists();
        second.close();
        assertThat(second.directory()).as("deleted after the last lease").doesNotExist();
        assertThat(store.entries()).isEmpty();
      }
    }

    @Test
    void invalidate_nextAcquire_loadsAnew() throws Exception {
      try (DiskRepoStore store = builder().build()) {
        try (Lease lease = store.acquire(a, FakeRepos.loader(10))) {
          lease.invalidate();
        }
        AtomicInteger calls = new AtomicInteger();
        try (Lease again = store.acquire(a, FakeRepos.loader(10, calls))) {
          assertThat(again.loaded()).isTrue();
        }
        assertThat(calls.get()).isEqualTo(1);
      }
    }
  }

  /** Scenarios: lifecycle and statistics. */
  @Nested
  class LifecycleAndStatistics {

    @Test
    void acquire_afterClose_throwsIllegalState() throws Exception {
      DiskRepoStore store = builder().build();
      store.close();
      assertThatThrownBy(() -> store.acquire(a, FakeRepos.noLoad()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    }

    @Test
    void stats_fetched_counted() throws Exception {
      try (DiskRepoStore store = builder().build()) {
        try (Lease lease = store.acquire(a, FakeRepos.loader(1))) {
          lease.fetched();
        }
        assertThat(store.stats().fetches()).isEqualTo(1);
        assertThat(store.stats().entries()).isEqualTo(1);
      }
    }
  }
}
