package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.RepositoryUrl;
import dev.pizza.cache.DiskRepoStore;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.ServerCertificateException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of failure the library can report is said in words of its own. */
class FailureMessagesTest {
  @Test
  void everyPermittedSubclass_hasAMeaningOfItsOwn() throws Exception {
    Set<String> meanings = new HashSet<>();
    for (Class<?> type : PizzaException.class.getPermittedSubclasses()) {
      PizzaException e =
          type == ServerCertificateException.class
              ? new ServerCertificateException(ServerCertificateException.Problem.UNTRUSTED, "m")
              : (PizzaException) type.getConstructor(String.class).newInstance("m");

      String meaning = FailureMessages.meaning(e);

      assertThat(meaning).as(type.getName()).isNotEqualTo("failed");
      assertThat(meanings.add(meaning)).as("%s: %s said before", type.getName(), meaning).isTrue();
    }
  }

  @Test
  void unreachableMinFree_namedAsTheStoreBuilderNamesIt_notAsTheUserTypedIt(@TempDir Path tmp)
      throws Exception {
    Throwable failure;
    try (DiskRepoStore store =
        DiskRepoStore.builder().root(tmp).minFreeBytes(Long.MAX_VALUE / 4).build()) {
      RepositoryUrl url = RepositoryUrl.parse("https://example.com/a/b");
      try {
        store.acquire(url.id(), (dir, budget) -> Map.of()).close();
        failure = null;
      } catch (PizzaException e) {
        failure = e;
      }
    }

    assertThat(failure).isNotNull();
    String line = FailureMessages.describe("https://example.com/a/b", failure);
    assertThat(line)
        .contains("the repository cache is full")
        .contains("--min-free")
        .doesNotContain("min-free-bytes");
  }
}
