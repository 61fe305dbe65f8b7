package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
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
      hugeCommit(repo.git().getRepository(), "refs/heads/huge", HUGE_MESSAGE);
    }
    Path data = tmp.resolve("data");
    Path jsonl = tmp.resolve("out.jsonl");

    ChildPizza.Result run =
        ChildPizza.startWith(
                List.of(SMALL_HEAP),
                tmp.resolve("logs"),
                Map.of("HOME", Files.createDirectories(tmp.resolve("home")).toString()),
                "bake",
                "--data-dir",
                data.toString(),
                "--cache-dir",
                tmp.resolve("cache").toString(),
                "--jsonl",
                jsonl.toString(),
                dir.toString())
            .await(Duration.ofMinutes(2));

    assertThat(run.code()).as(run.err()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.err().lines().toList())
        .as(run.err())
        .singleElement()
        .asString()
        .startsWith("pizza: " + dir + ": ")
        .doesNotContain("Exception in thread", "\tat ");

    Files.delete(dir.resolve(".git/refs/heads/huge"));
    PizzaCliTest.Run again =
        PizzaCliTest.pizza(
            "bake",
            "--data-dir",
            data.toString(),
            "--cache-dir",
            tmp.resolve("cache").toString(),
            "--jsonl",
            jsonl.toString(),
            dir.toString());
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
      hugeCommit(repo.git().getRepository(), "refs/heads/main", 40 << 20);
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
        ChildPizza.startWith(
                List.of("-Xmx32m"),
                tmp.resolve("logs"),
                Map.of("HOME", Files.createDirectories(tmp.resolve("home")).toString()),
                "export",
                "--data-dir",
                data.toString(),
                "--jsonl",
                tmp.resolve("out.jsonl").toString(),
                dir.toString())
            .await(Duration.ofMinutes(2));

    assertThat(run.code()).as(run.err()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.err().lines().toList())
        .as(run.err())
        .singleElement()
        .asString()
        .startsWith("pizza: export: out of memory (the Java heap of ")
        .contains("-Xmx")
        .doesNotContain("Exception in thread", "\tat ");
  }

  @Test
  void outOfMemory_asTheCauseOfALibraryFailure_isSaidAsOutOfMemory() {
    Exception wrapped = new IllegalStateException("writer failed", new OutOfMemoryError("heap"));

    assertThat(FailureMessages.meaning(wrapped)).startsWith("out of memory").contains("-Xmx");
    assertThat(FailureMessages.meaning(new StackOverflowError())).contains("-Xss");
  }

  /**
   * Writes a commit whose message is {@code size} bytes of short lines, on top of {@code HEAD}'s
   * commit if there is one, as a loose object (JGit's inserter refuses commits over 5 MiB), and
   * points the loose ref {@code ref} at it; streamed, so the test's heap never holds it.
   */
  static ObjectId hugeCommit(Repository repository, String ref, int size) throws Exception {
    ObjectId parent = repository.resolve(Constants.HEAD);
    ObjectId tree;
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      tree = inserter.insert(Constants.OBJ_TREE, new byte[0]);
      inserter.flush();
    }
    String header =
        "tree "
            + tree.name()
            + "\n"
            + (parent == null ? "" : "parent " + parent.name() + "\n")
            + "author Huge <huge@example.com> 1714557600 +0000\n"
            + "committer Huge <huge@example.com> 1714557600 +0000\n"
            + "\nhuge\n\n";
    byte[] head = header.getBytes(StandardCharsets.UTF_8);
    byte[] prefix =
        ("commit " + (head.length + (long) size) + "\0").getBytes(StandardCharsets.US_ASCII);
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    Path temp = Files.createTempFile(repository.getDirectory().toPath(), "huge", ".tmp");
    try (OutputStream out =
        new DigestOutputStream(new DeflaterOutputStream(Files.newOutputStream(temp)), sha1)) {
      out.write(prefix);
      out.write(head);
      byte[] line = new byte[64];
      Arrays.fill(line, (byte) 'x');
      line[63] = '\n';
      for (int left = size; left > 0; left -= line.length) {
        out.write(line, 0, Math.min(left, line.length));
      }
    }
    ObjectId commit = ObjectId.fromRaw(sha1.digest());
    Path object =
        repository
            .getDirectory()
            .toPath()
            .resolve("objects")
            .resolve(commit.name().substring(0, 2))
            .resolve(commit.name().substring(2));
    Files.createDirectories(object.getParent());
    Files.move(temp, object);
    // Written as git writes a loose ref: JGit's RefUpdate parses the commit, 5 MiB at most.
    Files.writeString(repository.getDirectory().toPath().resolve(ref), commit.name() + "\n");
    return commit;
  }
}
