package dev.pizza.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.RepositoryId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a store on each state a crash can leave: it opens clean and keeps complete entries. */
class RecoveryTest {
  @TempDir Path root;
  private final RepositoryId a = FakeRepos.id(1);
  private final RepositoryId b = FakeRepos.id(2);
  private final RepositoryId c = FakeRepos.id(3);

  /** Three complete entries, used in the order c, a, b (c least recently). */
  @BeforeEach
  void threeCompleteEntries() throws Exception {
    try (DiskRepoStore store = DiskRepoStore.builder().root(root).build()) {
      for (RepositoryId id : List.of(c, a, b)) {
        store.acquire(id, FakeRepos.loader(10)).close();
      }
    }
  }

  private Path repos() {
    return root.resolve("repos");
  }

  private void assertOpensWithCompleteEntriesServedAsHits() throws Exception {
    try (DiskRepoStore store = DiskRepoStore.builder().root(root).build()) {
      assertThat(store.entries().stream().map(EntrySnapshot::key).toList())
          .as("complete entries adopted in the previous run's LRU order")
          .containsExactly(c.key(), a.key(), b.key());
      for (RepositoryId id : List.of(a, b, c)) {
        try (Lease lease = store.acquire(id, FakeRepos.noLoad())) {
          assertThat(lease.loaded()).as("acquire of an adopted entry is a hit").isFalse();
          assertThat(lease.attributes()).as("attributes kept").containsEntry("payload", "10");
        }
      }
      assertThat(store.stats().hits()).isEqualTo(3);
      try (var tmp = Files.list(root.resolve("tmp"));
          var trash = Files.list(root.resolve("trash"))) {
        assertThat(tmp.toList()).as("tmp/ emptied on open").isEmpty();
        assertThat(trash.toList()).as("trash/ emptied on open").isEmpty();
      }
      try (var left = Files.list(repos())) {
        assertThat(left.map(p -> p.getFileName().toString()).sorted().toList())
            .as("only the complete entries and their metadata remain")
            .containsExactlyInAnyOrder(
                a.key(), a.key() + ".meta", b.key(), b.key() + ".meta", c.key(), c.key() + ".meta");
      }
    }
  }

  @Test
  void open_deletesLeftoverTempClone() throws Exception {
    FakeRepos.write(root.resolve("tmp").resolve(FakeRepos.id(9).key() + ".1"), 50);
    assertOpensWithCompleteEntriesServedAsHits();
  }

  @Test
  void open_finishesHalfEmptiedTrash() throws Exception {
    Path half = root.resolve("trash").resolve(FakeRepos.id(9).key() + ".4");
    FakeRepos.write(half, 50);
    Files.delete(half.resolve("HEAD"));
    assertOpensWithCompleteEntriesServedAsHits();
  }

  @Test
  void open_removesEntryWithoutMetadata() throws Exception {
    Path orphan = repos().resolve(FakeRepos.id(9).key());
    FakeRepos.write(orphan, 50);
    assertOpensWithCompleteEntriesServedAsHits();
    assertThat(orphan).as("repository without metadata removed").doesNotExist();
  }

  @Test
  void open_removesRepositoryWithoutHead() throws Exception {
    RepositoryId d = FakeRepos.id(4);
    try (DiskRepoStore store = DiskRepoStore.builder().root(root).build()) {
      store.acquire(d, FakeRepos.loader(10)).close();
    }
    Files.delete(repos().resolve(d.key()).resolve("HEAD"));
    assertOpensWithCompleteEntriesServedAsHits();
    assertThat(repos().resolve(d.key() + ".meta"))
        .as("metadata of a headless repo removed")
        .doesNotExist();
  }

  @Test
  void open_removesRepositoryThatIsNotBare() throws Exception {
    RepositoryId d = FakeRepos.id(4);
    try (DiskRepoStore store = DiskRepoStore.builder().root(root).build()) {
      store.acquire(d, FakeRepos.loader(10)).close();
    }
    FileOps.deleteTree(repos().resolve(d.key()).resolve("refs"));
    assertOpensWithCompleteEntriesServedAsHits();
    assertThat(repos().resolve(d.key())).as("repository without refs/ removed").doesNotExist();
  }

  @Test
  void open_removesMetadataWhoseRepositoryIsGone() throws Exception {
    RepositoryId d = FakeRepos.id(4);
    try (DiskRepoStore store = DiskRepoStore.builder().root(root).build()) {
      store.acquire(d, FakeRepos.loader(10)).close();
    }
    FileOps.deleteTree(repos().resolve(d.key()));
    assertOpensWithCompleteEntriesServedAsHits();
    assertThat(repos().resolve(d.key() + ".meta")).doesNotExist();
  }

  @Test
  void open_removesEntryWithTruncatedMetadata() throws Exception {
    RepositoryId d = FakeRepos.id(4);
    try (DiskRepoStore store = DiskRepoStore.builder().root(root).build()) {
      store.acquire(d, FakeRepos.loader(10)).close();
    }
    Path meta = repos().resolve(d.key() + ".meta");
    byte[] full = Files.readAllBytes(meta);
    Files.write(meta, java.util.Arrays.copyOf(full, full.length - 3));
    assertOpensWithCompleteEntriesServedAsHits();
    assertThat(repos().resolve(d.key())).as("entry with truncated metadata removed").doesNotExist();
  }

  @Test
  void open_removesStrayFilesNotNamedByKey() throws Exception {
    Files.writeString(repos().resolve("..evil"), "x");
    Files.createDirectories(repos().resolve("not-a-key"));
    assertOpensWithCompleteEntriesServedAsHits();
  }

  @Test
  void metadata_refusesFileWithoutEndLine() throws IOException {
    MetadataFile m =
        new MetadataFile(a.key(), a.url(), 5, java.time.Instant.EPOCH, 1, java.util.Map.of());
    byte[] full = m.encode();
    assertThat(MetadataFile.decode(a.key(), full)).isEqualTo(m);
    org.assertj.core.api.Assertions.assertThatIOException()
        .isThrownBy(
            () -> MetadataFile.decode(a.key(), java.util.Arrays.copyOf(full, full.length - 1)));
  }
}
