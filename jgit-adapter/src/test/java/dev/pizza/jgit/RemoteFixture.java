package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.BakeResult;
import dev.pizza.CommitId;
import dev.pizza.PizzaOven;
import dev.pizza.spi.Acquisition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;

/** An origin repository served from {@code base/origin.git}, grown by tests, and its checks. */
final class RemoteFixture implements AutoCloseable {
  static final long T0 = 1_700_000_000L;
  final Path base;
  final TestRepository origin;
  ObjectId main;
  private int n;

  RemoteFixture(Path base) throws Exception {
    this.base = Files.createDirectories(base);
    this.origin = TestRepository.createBare(base.resolve("origin.git"));
  }

  /** Adds {@code count} commits on main. */
  ObjectId grow(int count) throws IOException {
    for (int i = 0; i < count; i++) {
      main = main == null ? origin.commit(T0 + n++) : origin.commit(T0 + n++, main);
    }
    origin.branch("main", main);
    return main;
  }

  Set<CommitId> reachable() throws IOException {
    return Reachable.fromBranchesAndTags(origin.repository());
  }

  /** Clones, grows, fetches; asserts each commit arrived exactly once, and how it was acquired. */
  void cloneThenFetch(PizzaOven oven, String url, RecordingSink sink) throws Exception {
    grow(5);
    BakeResult first = oven.bake(url, sink);
    assertThat(first.acquisition()).isEqualTo(Acquisition.CLONED);
    assertThat(first.newCommits()).isEqualTo(5);
    assertExactlyOnce(sink);
    grow(3);
    BakeResult second = oven.bake(url, sink);
    assertThat(second.acquisition()).isEqualTo(Acquisition.FETCHED);
    assertThat(second.newCommits()).isEqualTo(3);
    assertExactlyOnce(sink);
  }

  void assertExactlyOnce(RecordingSink sink) throws IOException {
    List<CommitId> all = sink.deliveredIdList();
    assertThat(new HashSet<>(all)).as("delivered set").isEqualTo(reachable());
    assertThat(all).as("no commit delivered twice").doesNotHaveDuplicates();
  }

  /** Asserts the store holds no repository and no temporary leftovers. */
  static void assertStoreClean(Path store) throws IOException {
    for (String sub : List.of("repos", "tmp")) {
      Path dir = store.resolve(sub);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          assertThat(s.toList()).as("contents of the store's %s/", sub).isEmpty();
        }
      }
    }
  }

  @Override
  public void close() {
    origin.close();
  }
}
