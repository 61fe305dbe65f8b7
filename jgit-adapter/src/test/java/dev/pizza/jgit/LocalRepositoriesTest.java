package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handles of local repositories are shared between bakes and closed only when nobody uses them. */
class LocalRepositoriesTest {
  @TempDir Path tmp;

  @Test
  void sameDirectory_sharesOneHandle_untilForgotten() throws Exception {
    Path dir = tmp.resolve("r.git");
    TestRepository.createBare(dir).close();
    try (LocalRepositories handles = new LocalRepositories()) {
      Repository a = handles.open(dir, new FileRepositoryBuilder().setGitDir(dir.toFile()));
      Repository b = handles.open(dir, new FileRepositoryBuilder().setGitDir(dir.toFile()));
      assertThat(b).isSameAs(a);
      a.close();
      b.close();
      handles.forget(dir);
      Repository c = handles.open(dir, new FileRepositoryBuilder().setGitDir(dir.toFile()));
      assertThat(c).as("a new handle once the old one was dropped").isNotSameAs(a);
      c.close();
    }
  }

  @Test
  void forgottenWhileInUse_staysUsableUntilItsUserCloses() throws Exception {
    Path dir = tmp.resolve("r.git");
    TestRepository.createBare(dir).close();
    try (LocalRepositories handles = new LocalRepositories()) {
      Repository a = handles.open(dir, new FileRepositoryBuilder().setGitDir(dir.toFile()));
      handles.forget(dir);
      // Still open for its user: reading refs works.
      assertThat(a.getRefDatabase().getRefs()).isEmpty();
      assertThat(a.exactRef("HEAD")).isNotNull();
      a.close();
    }
  }
}
