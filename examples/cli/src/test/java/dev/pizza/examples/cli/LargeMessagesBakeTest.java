package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history of many commits with large messages is baked in a heap that holds a few of them, as
 * {@code git log} prints it holding one: the walk handed over batches of 256 raw commits and the
 * bake batches of 1,000 records whatever their size, so 1,200 commits of 1 MB messages ran a heap
 * of 256 MB out of memory.
 */
class LargeMessagesBakeTest {
  @TempDir Path tmp;

  @Test
  void bake_ofHundredsOfMegabyteMessages_fitsAHeapSmallerThanTheirSum() throws Exception {
    Path dir = tmp.resolve("repo");
    int commits = 300;
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(1, "alice@example.com");
      for (int i = 0; i < commits; i++) {
        HugeCommits.write(repo.git().getRepository(), "refs/heads/main", 1 << 20);
      }
    }
    Path jsonl = tmp.resolve("out.jsonl");

    ChildPizza.Result run =
        ChildPizza.runWithHeap(
            "-Xmx128m",
            tmp,
            "bake",
            "--data-dir",
            tmp.resolve("data").toString(),
            "--cache-dir",
            tmp.resolve("cache").toString(),
            "--jsonl",
            jsonl.toString(),
            dir.toString());

    assertThat(run.code()).as(run.err()).isEqualTo(PizzaCli.OK);
    assertThat(run.out()).contains(": " + (commits + 1) + " new, " + (commits + 1) + " total");
    try (var lines = Files.lines(jsonl)) {
      assertThat(lines.count()).isEqualTo(commits + 1);
    }
  }
}
