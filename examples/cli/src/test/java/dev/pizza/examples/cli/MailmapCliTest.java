package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bake --mailmap} and a committed {@code .mailmap}: the JSON lines add the mapped identity
 * where it differs, and {@code stats} and {@code export} count and write mapped people. {@code
 * serve --mailmap} reads the file the same way (see {@code ServeMailmapTest} for its bakes).
 */
class MailmapCliTest {
  @TempDir Path tmp;
  Path dir;

  PizzaCliTest.Run pizza(String command, String... more) {
    return PizzaCliTest.pizza(
        PizzaCliHardeningTest.concat(
            List.of(command, "--data-dir", tmp.resolve("data").toString()), more));
  }

  /** Ann commits under two emails; the repository's .mailmap joins them; Bob is left alone. */
  void buildRepository() throws Exception {
    dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      repo.commit("Ann", "ann@example.com", "one");
      repo.commit("ann at home", "ann@home.example.com", "two");
      repo.commit("Bob", "bob@example.com", "three");
      Files.writeString(
          dir.resolve(".mailmap"), "Ann A <ann@example.com> <ann@home.example.com>\n");
      repo.git().add().addFilepattern(".mailmap").call();
      repo.commit("Bob", "bob@example.com", "add .mailmap");
    }
  }

  @Test
  void bake_withRepositoryMailmapAndMailmapFile_writesMappedIdentitiesAndCountsThem()
      throws Exception {
    buildRepository();
    Path extra = tmp.resolve("extra.mailmap");
    Files.writeString(extra, "# the host's\nRobert <bob@example.com>\n");
    Path jsonl = tmp.resolve("out.jsonl");

    PizzaCliTest.Run run =
        pizza(
            "bake",
            "--cache-dir",
            tmp.resolve("cache").toString(),
            "--mailmap",
            extra.toString(),
            "--jsonl",
            jsonl.toString(),
            dir.toString());

    assertThat(run.code()).as("stderr: %s", run.err()).isZero();
    List<Map<String, Object>> lines =
        JsonlOutputTest.parseLines(Files.readString(jsonl, StandardCharsets.UTF_8));
    assertThat(lines)
        .extracting(o -> o.get("subject") + ": " + o.get("mappedAuthor"))
        .containsExactlyInAnyOrder(
            "one: null",
            "two: {name=Ann A, email=ann@example.com}",
            "three: {name=Robert, email=bob@example.com}",
            "add .mailmap: {name=Robert, email=bob@example.com}");
    assertThat(lines).allSatisfy(o -> assertThat(o).doesNotContainKey("mappedCoAuthors"));

    PizzaCliTest.Run stats = pizza("stats", dir.toString());
    assertThat(stats.code()).as("stderr: %s", stats.err()).isZero();
    assertThat(stats.out())
        .contains("authors                  2")
        .contains("       2 Ann A <ann@example.com>")
        .contains("       2 Robert <bob@example.com>");

    PizzaCliTest.Run export = pizza("export", "--jsonl", "-", dir.toString());
    assertThat(export.code()).isZero();
    assertThat(JsonlOutputTest.parseLines(export.out()))
        .extracting(o -> o.get("subject") + ": " + o.get("mappedAuthor"))
        .containsExactlyInAnyOrderElementsOf(
            lines.stream().map(o -> o.get("subject") + ": " + o.get("mappedAuthor")).toList());
  }

  @Test
  void bake_mailmapFileMissing_exitsOneBeforeBaking() throws Exception {
    buildRepository();
    PizzaCliTest.Run run =
        pizza(
            "bake",
            "--cache-dir",
            tmp.resolve("cache").toString(),
            "--mailmap",
            tmp.resolve("absent").toString(),
            dir.toString());

    assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.err()).startsWith("pizza: cannot read the mailmap ");
    assertThat(pizza("stats", dir.toString()).code()).isEqualTo(PizzaCli.FAILED);
  }

  @Test
  void serve_mailmapFileMissing_exitsOneBeforeServing() {
    PizzaCliTest.Run run =
        pizza(
            "serve",
            "--port",
            "0",
            "--cache-dir",
            tmp.resolve("cache").toString(),
            "--mailmap",
            tmp.resolve("absent").toString());

    assertThat(run.code()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.err()).startsWith("pizza: cannot read the mailmap ");
    assertThat(run.out()).doesNotContain("serving");
    assertThat(tmp.resolve("data")).doesNotExist();
  }

  @Test
  void bake_mailmapFileOverTheBound_exitsOneBeforeBaking_insteadOfReadingItWhole()
      throws Exception {
    buildRepository();
    Path huge = tmp.resolve("huge.mailmap");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(
          MailmapOption.MAX_BYTES + 1L); // sparse: read as NULs, as an endless pipe would be
    }

    PizzaCliTest.Run run =
        pizza(
            "bake",
            "--cache-dir",
            tmp.resolve("cache").toString(),
            "--mailmap",
            huge.toString(),
            dir.toString());

    assertThat(run.code()).as(run.err()).isEqualTo(PizzaCli.FAILED);
    assertThat(run.err())
        .startsWith("pizza: cannot read the mailmap ")
        .contains("more than 16 MiB")
        .hasLineCount(1);
    assertThat(pizza("stats", dir.toString()).code()).isEqualTo(PizzaCli.FAILED);
  }

  @Test
  void bake_mailmapFileWithALatin1Name_mapsWithIt_insteadOfRefusingItAsMalformed()
      throws Exception {
    buildRepository();
    Path latin1 = tmp.resolve("latin1.mailmap");
    Files.write(latin1, "Rob\u00e9rt <bob@example.com>\n".getBytes(StandardCharsets.ISO_8859_1));
    Path jsonl = tmp.resolve("out.jsonl");

    PizzaCliTest.Run run =
        pizza(
            "bake",
            "--cache-dir",
            tmp.resolve("cache").toString(),
            "--mailmap",
            latin1.toString(),
            "--jsonl",
            jsonl.toString(),
            dir.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(JsonlOutputTest.parseLines(Files.readString(jsonl, StandardCharsets.UTF_8)))
        .extracting(o -> o.get("subject") + ": " + o.get("mappedAuthor"))
        .contains("three: {name=Rob\u00e9rt, email=bob@example.com}");
  }
}
