package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository larger than the JVM's heap (here a commit whose message is larger than the heap, as
 * {@code git log} prints it) ends a command with one line that says so and how to raise the heap,
 * exit status 1 and no stack trace; picocli hands an {@link Error} on, so it reached the user as
 * {@code Exception in thread "main" java.lang.OutOfMemoryError} and a stack trace.
 */
class OutOfMemoryLineTest {
  @TempDir Path tmp;

  /** A message of this many bytes cannot be held by a heap of {@link #SMALL_HEAP}. */
  private static final int HUGE_MESSAGE = 80 << 20;

  private static final String SMALL_HEAP = "-Xmx48m";

  @Test
  void bake_ofACommitLargerThanTheHeap_failsInOneLine_andTheNextBakeFindsNothingHalfWritten()
      throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(2, "alice@example.com");
      HugeCommits.write(repo.git().getRepository(), "refs/heads/huge", HUGE_MESSAGE);
    }
    Path data = tmp.resolve("data");
    Path jsonl = tmp.resolve("out.jsonl");

    String[] bake = {
      "bake",
      "--data-dir",
      data.toString(),
      "--cache-dir",
      tmp.resolve("cache").toString(),
      "--jsonl",
      jsonl.toString(),
      dir.toString()
    };
    ChildPizza.Result run = ChildPizza.runWithHeap(SMALL_HEAP, tmp, bake);

    assertThat(run.code()).as(run.err()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.err().lines().toList())
        .as(run.err())
        .singleElement()
        .asString()
        .startsWith("pizza: " + dir + ": ")
        .doesNotContain("Exception in thread", "\tat ");

    Files.delete(dir.resolve(".git/refs/heads/huge"));
    PizzaCliTest.Run again = PizzaCliTest.pizza(bake);
    assertThat(again.code()).as(again.err()).isEqualTo(PizzaCli.OK);
    assertThat(again.out()).contains(": 2 new, 2 total");
    assertThat(Files.readAllLines(jsonl)).hasSize(2);
  }

  @Test
  void export_ofAStoredCommitLargerThanTheHeap_failsInOneLine_namingTheHeapOption()
      throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commits(1, "alice@example.com");
      HugeCommits.write(repo.git().getRepository(), "refs/heads/main", 40 << 20);
    }
    Path data = tmp.resolve("data");
    PizzaCliTest.Run bake =
        PizzaCliTest.pizza(
            "bake",
            "--data-dir",
            data.toString(),
            "--cache-dir",
            tmp.resolve("cache").toString(),
            dir.toString());
    assertThat(bake.code()).as(bake.err()).isEqualTo(PizzaCli.OK);

    ChildPizza.Result run =
        ChildPizza.runWithHeap(
            "-Xmx32m",
            tmp,
            "export",
            "--data-dir",
            data.toString(),
            "--jsonl",
            tmp.resolve("out.jsonl").toString(),
            dir.toString());

    assertThat(run.code()).as(run.err()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.err().lines().toList())
        .as(run.err())
        .singleElement()
        .asString()
        .startsWith("pizza: export: out of memory (the Java heap of about ")
        .contains("-Xmx")
        .doesNotContain("Exception in thread", "\tat ");
  }

  @Test
  void outOfMemory_asTheCauseOfALibraryFailure_isSaidAsOutOfMemory() {
    Exception wrapped = new IllegalStateException("writer failed", new OutOfMemoryError("heap"));

    assertThat(FailureMessages.meaning(wrapped)).startsWith("out of memory").contains("-Xmx");
    assertThat(FailureMessages.meaning(new StackOverflowError())).contains("-Xss");
  }
}
