package dev.pizza.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.pizza.RepositoryId;
import dev.pizza.RepositoryUrl;
import dev.pizza.errors.InvalidRepositoryUrlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** URL text never names a file: every entry stays inside the root whatever the URL. */
class HostileKeyTest {
  @TempDir Path root;

  static List<String> hostileUrls() {
    List<String> urls = new ArrayList<>();
    urls.add("https://example.com/%2e%2e/%2e%2e/etc/passwd");
    urls.add("https://example.com/a/b%2F..%2F..%2Fc");
    urls.add("https://example.com/" + "x".repeat(2000));
    urls.add("https://example.com/répo/日本語/🍕");
    urls.add("git@example.com:../../outside");
    urls.add("file:///tmp/../../etc");
    urls.add("./../../..");
    urls.add("/");
    return urls;
  }

  @Test
  void hostileUrls_keysStayInsideRoot() throws Exception {
    try (DiskRepoStore store = DiskRepoStore.builder().root(root).build()) {
      int accepted = 0;
      for (String url : hostileUrls()) {
        RepositoryId id;
        try {
          id = RepositoryUrl.parse(url).id();
        } catch (InvalidRepositoryUrlException refused) {
          continue; // parse refusing it is as good
        }
        accepted++;
        try (Lease lease = store.acquire(id, FakeRepos.loader(1))) {
          Path dir = lease.directory();
          assertThat(dir.normalize().getParent())
              .as("directory of " + url + " is directly under repos/")
              .isEqualTo(store.root().resolve("repos"));
          assertThat(dir.getFileName().toString()).as("named by key").matches("[0-9a-f]{40}");
        }
      }
      assertThat(accepted)
          .as("some hostile URLs are accepted by parse and tested")
          .isGreaterThan(3);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "..",
        "../../etc",
        "a/b",
        "%2e%2e",
        "",
        "ABCDEF0123456789ABCDEF0123456789ABCDEF01",
        "0123456789abcdef0123456789abcdef0123456",
        "0123456789abcdef0123456789abcdef012345678"
      })
  void acquire_keyNotFortyLowercaseHex_refused(String key) throws Exception {
    try (DiskRepoStore store = DiskRepoStore.builder().root(root).build()) {
      RepositoryId hostile = new RepositoryId(key, "https://example.com/x");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> store.acquire(hostile, FakeRepos.noLoad()))
          .withMessageContaining("40 lowercase hex");
      assertThatIllegalArgumentException().isThrownBy(() -> store.pin(hostile));
    }
  }
}
