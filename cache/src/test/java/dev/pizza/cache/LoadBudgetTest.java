package dev.pizza.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pizza.errors.StorageExhaustedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 10: a load in progress was not counted against max-bytes, so the store held its
 * entries and the whole clone in {@code tmp/} at once. The bytes a load has written count as it
 * writes, whenever the loader checks its {@link LoadBudget}.
 */
class LoadBudgetTest {
  private static final long CHUNK = 60;
  private static final long MAX = 500;

  @TempDir Path root;
  private final List<String> evicted = new ArrayList<>();

  /** A loader that writes {@code chunks} chunks, checking its budget after each. */
  private RepositoryLoader chunked(int chunks, List<Long> onDiskAfterChecks) {
    return (dir, budget) -> {
      try {
        FakeRepos.write(dir, 0);
        for (int i = 0; i < chunks; i++) {
          FakeRepos.grow(dir, CHUNK);
          budget.check();
          onDiskAfterChecks.add(FakeRepos.repositoryBytes(root));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Map.of();
    };
  }

  private DiskRepoStore store() throws IOException {
    return DiskRepoStore.builder().root(root).maxBytes(MAX).evictionListener(evicted::add).build();
  }

  private static void use(DiskRepoStore store, int n, long payload) throws Exception {
    store.acquire(FakeRepos.id(n), FakeRepos.loader(payload)).close();
  }

  @Test
  void loadInProgress_notCountedAgainstMaxBytes_evictsOlderEntriesAsItGrows() throws Exception {
    List<Long> onDisk = new ArrayList<>();
    try (DiskRepoStore store = store()) {
      use(store, 1, 129); // 150 bytes, the oldest
      use(store, 2, 129); // 150 bytes
      try (Lease lease = store.acquire(FakeRepos.id(3), chunked(5, onDisk))) {
        assertThat(lease.loaded()).isTrue();
      }
      assertThat(onDisk)
          .as("entries plus the load in tmp/ stay within max-bytes while it writes")
          .allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(MAX));
      assertThat(evicted)
          .as("only the oldest entry had to go (at the third chunk: 300 + 201 > 500)")
          .containsExactly(FakeRepos.id(1).key());
      assertThat(store.stats().bytes()).isEqualTo(150 + FakeRepos.sizeWith(5 * CHUNK));
    }
  }

  @Test
  void loadInProgress_largerThanMaxBytes_isAbortedWhileWritingAndLeavesNothing() throws Exception {
    List<Long> onDisk = new ArrayList<>();
    try (DiskRepoStore store = store()) {
      store.pin(FakeRepos.id(1));
      use(store, 1, 79); // 100 bytes, pinned
      use(store, 2, 79); // 100 bytes

      Throwable t = catchThrowable(() -> store.acquire(FakeRepos.id(3), chunked(20, onDisk)));

      assertThat(t)
          .isInstanceOf(StorageExhaustedException.class)
          .hasMessageContaining("while loading it")
          .hasMessageContaining(FakeRepos.id(3).url())
          .hasMessageContaining("max-bytes 500");
      assertThat(onDisk.size())
          .as("the loader stopped at the check that found no room, long before its 20 chunks")
          .isLessThan(20);
      assertThat(onDisk).allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(MAX));
      assertThat(evicted)
          .as("the unpinned entry went when the load needed its room, the pinned one stayed")
          .containsExactly(FakeRepos.id(2).key());
      assertThat(store.entries())
          .extracting(EntrySnapshot::key)
          .containsExactly(FakeRepos.id(1).key());
      try (var tmp = Files.list(root.resolve("tmp"))) {
        assertThat(tmp.toList()).as("the aborted load's files are deleted").isEmpty();
      }
      assertThat(store.stats().bytes()).isEqualTo(FakeRepos.repositoryBytes(root));
    }
  }

  @Test
  void budgetCheckedAfterLoadEnded_failsInsteadOfCountingAgain() throws Exception {
    List<LoadBudget> kept = new ArrayList<>();
    try (DiskRepoStore store = store()) {
      store
          .acquire(
              FakeRepos.id(1),
              (dir, budget) -> {
                kept.add(budget);
                return FakeRepos.loader(10).load(dir, budget);
              })
          .close();
      Throwable t = catchThrowable(() -> kept.get(0).check());
      assertThat(t).hasMessageContaining("has ended");
      assertThat(store.stats().bytes()).isEqualTo(FakeRepos.sizeWith(10));
    }
  }
}
