package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.BakeResult;
import dev.pizza.PizzaOven;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shallow clone bakes what it holds, incrementally too, and keeps no generation numbers. */
class ShallowRepositoryTest {
  @TempDir Path tmp;

  @Test
  void shallowClone_bakesTheCommitsItHolds_andIncrementally_withoutStoringGenerations()
      throws Exception {
    NativeGit.assumeInstalled("to make a shallow clone");
    Path origin = tmp.resolve("origin.git");
    ObjectId tip;
    try (TestRepository repo = TestRepository.createBare(origin)) {
      tip = repo.commit(1);
      for (int i = 2; i <= 10; i++) {
        tip = repo.commit(i, tip);
      }
      repo.branch("main", tip);
    }
    NativeGit.run(
        tmp, "clone", "-q", "--bare", "--depth", "3", origin.toUri().toString(), "shallow.git");
    Path shallow = tmp.resolve("shallow.git");
    assertThat(shallow.resolve("shallow")).exists();

    RecordingSink sink = new RecordingSink();
    Path generations = tmp.resolve("generations");
    try (PizzaOven oven =
        PizzaOven.builder()
            .backend(JGitBackend.builder().generationsDirectory(generations).build())
            .allowLocalRepositories(true)
            .build()) {
      BakeResult first = oven.bake(shallow.toString(), sink);
      assertThat(first.newCommits()).as("the three commits the clone holds").isEqualTo(3);

      try (TestRepository repo = TestRepository.open(origin)) {
        ObjectId next = repo.commit(11, tip);
        repo.branch("main", repo.commit(12, next));
      }
      NativeGit.run(
          shallow,
          "fetch",
          "-q",
          "--depth",
          "3",
          origin.toUri().toString(),
          "+refs/heads/*:refs/heads/*");
      BakeResult second = oven.bake(shallow.toString(), sink);
      assertThat(second.newCommits()).as("the two new commits").isEqualTo(2);
      assertThat(sink.deliveredIdList()).doesNotHaveDuplicates();
    }
    if (Files.exists(generations)) {
      try (Stream<Path> files = Files.walk(generations)) {
        assertThat(files.filter(p -> p.toString().endsWith(".gen"))).isEmpty();
      }
    }
  }
}
