package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.FooterLine;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlOutputTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final String MESSAGE =
      "Fix \"quoted\" C:\\path and ünïcødé ☃ 🍕\n"
          + "\n"
          + "Body\twith a tab, a bell \u0007, and a line\n"
          + "break.\n"
          + "\n"
          + "Co-authored-by: Bob Builder <bob@example.com>\n"
          + "Signed-off-by: Alice <alice@example.com>\n"
          + "Co-authored-by: Ça Va <cava@example.com>\n";

  @TempDir Path tmp;
  Path dir;
  RevCommit rich;

  /** A root, a rich commit on main, a commit on a side branch, and a merge of both. */
  void buildRepository() throws Exception {
    dir = tmp.resolve("repo");
    try (TestRepos repo = TestRepos.init(dir)) {
      RevCommit root = repo.commit("Root", "root@example.com", "root");
      PersonIdent author =
          new PersonIdent(
              "Ålice \"Q\" O'Neil",
              "alice@example.com",
              Instant.parse("2024-05-01T10:00:00Z"),
              ZoneOffset.ofHours(2));
      PersonIdent committer =
          new PersonIdent(
              "Cömmitter",
              "c@example.com",
              Instant.parse("2024-05-01T10:00:00Z"),
              ZoneOffset.ofHoursMinutes(-5, -30));
      rich =
          repo.git()
              .commit()
              .setAllowEmpty(true)
              .setSign(false)
              .setAuthor(author)
              .setCommitter(committer)
              .setMessage(MESSAGE)
              .call();
      repo.git().branchCreate().setName("side").setStartPoint(root).call();
      repo.git().checkout().setName("side").call();
      repo.commit("Side", "side@example.com", "side work\nsecond line of the subject");
      repo.git().checkout().setName("main").call();
      repo.git()
          .merge()
          .include(repo.git().getRepository().resolve("side"))
          .setFastForward(MergeCommand.FastForwardMode.NO_FF)
          .setCommit(false)
          .call();
      repo.commit("Merger", "merger@example.com", "Merge side");
    }
  }

  /** Bakes {@code dir} into this test's data and cache directories, JSON lines to {@code jsonl}. */
  private PizzaCliTest.Run bakeJsonl(String jsonl, String... options) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("bake", "--data-dir", tmp.resolve("data").toString()));
    args.addAll(List.of("--cache-dir", tmp.resolve("cache").toString()));
    args.addAll(List.of(options));
    args.addAll(List.of("--jsonl", jsonl, dir.toString()));
    return PizzaCliTest.pizza(args.toArray(String[]::new));
  }

  static List<Map<String, Object>> parseLines(String jsonl) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : jsonl.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      try {
        out.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {}));
      } catch (JsonProcessingException e) {
        throw new AssertionError("not a JSON object: " + line, e);
      }
    }
    assertThat(jsonl).endsWith("\n");
    return out;
  }

  static Map<String, Object> signature(PersonIdent p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.getName());
    m.put("email", p.getEmailAddress());
    m.put(
        "time",
        DateTimeFormatter.ISO_OFFSET_DATE_TIME
            .format(p.getWhenAsInstant().atOffset(p.getZoneOffset()))
            .replace("Z", "+00:00"));
    return m;
  }

  /** The JSON object JGit's reading of {@code c} says pizza should write. */
  static Map<String, Object> expected(RevCommit c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.name());
    List<Object> parents = new ArrayList<>();
    for (RevCommit p : c.getParents()) {
      parents.add(p.name());
    }
    m.put("parents", parents);
    m.put("author", signature(c.getAuthorIdent()));
    m.put("committer", signature(c.getCommitterIdent()));
    m.put("subject", c.getShortMessage());
    m.put("message", c.getFullMessage());
    List<Object> coAuthors = new ArrayList<>();
    Map<String, Object> trailers = new LinkedHashMap<>();
    for (FooterLine f : c.getFooterLines()) {
      @SuppressWarnings("unchecked")
      List<Object> values =
          (List<Object>) trailers.computeIfAbsent(f.getKey(), k -> new ArrayList<>());
      values.add(f.getValue());
      if (f.matches(new org.eclipse.jgit.revwalk.FooterKey("Co-authored-by"))) {
        String v = f.getValue();
        coAuthors.add(
            Map.of("name", v.substring(0, v.indexOf('<')).strip(), "email", f.getEmailAddress()));
      }
    }
    m.put("coAuthors", coAuthors);
    m.put("trailers", trailers);
    return m;
  }

  List<RevCommit> allCommits() throws Exception {
    try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(dir.toFile());
        RevWalk walk = new RevWalk(git.getRepository())) {
      walk.markStart(walk.parseCommit(git.getRepository().resolve(Constants.HEAD)));
      List<RevCommit> all = new ArrayList<>();
      for (RevCommit c : walk) {
        walk.parseBody(c);
        all.add(c);
      }
      return all;
    }
  }

  @Test
  void jsonlFile_holdsOneObjectPerCommit_equalToWhatJGitReads() throws Exception {
    buildRepository();
    Path jsonl = tmp.resolve("out.jsonl");

    PizzaCliTest.Run run = bakeJsonl(jsonl.toString());

    assertThat(run.code()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).contains(": 4 new, 4 total");
    List<Map<String, Object>> objects = parseLines(Files.readString(jsonl, StandardCharsets.UTF_8));
    List<RevCommit> commits = allCommits();
    assertThat(objects).hasSize(commits.size());
    Map<Object, Map<String, Object>> byId = new LinkedHashMap<>();
    objects.forEach(o -> byId.put(o.get("id"), o));
    for (RevCommit c : commits) {
      assertThat(byId.get(c.name())).as("record of %s", c.name()).isEqualTo(expected(c));
    }
  }

  @Test
  void jsonl_richCommit_fieldsAsWritten() throws Exception {
    buildRepository();
    Path jsonl = tmp.resolve("out.jsonl");
    bakeJsonl(jsonl.toString());

    Map<String, Object> o =
        parseLines(Files.readString(jsonl, StandardCharsets.UTF_8)).stream()
            .filter(m -> m.get("id").equals(rich.name()))
            .findFirst()
            .orElseThrow();

    assertThat(o.keySet())
        .containsExactly(
            "id", "parents", "author", "committer", "subject", "message", "coAuthors", "trailers");
    assertThat(o.get("author"))
        .isEqualTo(
            Map.of(
                "name",
                "Ålice \"Q\" O'Neil",
                "email",
                "alice@example.com",
                "time",
                "2024-05-01T12:00:00+02:00"));
    assertThat(((Map<?, ?>) o.get("committer")).get("time")).isEqualTo("2024-05-01T04:30:00-05:30");
    assertThat(o.get("subject")).isEqualTo("Fix \"quoted\" C:\\path and ünïcødé ☃ 🍕");
    assertThat(o.get("message")).isEqualTo(MESSAGE);
    assertThat(o.get("coAuthors"))
        .isEqualTo(
            List.of(
                Map.of("name", "Bob Builder", "email", "bob@example.com"),
                Map.of("name", "Ça Va", "email", "cava@example.com")));
    assertThat(o.get("trailers"))
        .isEqualTo(
            Map.of(
                "Co-authored-by",
                    List.of("Bob Builder <bob@example.com>", "Ça Va <cava@example.com>"),
                "Signed-off-by", List.of("Alice <alice@example.com>")));
  }

  @Test
  void jsonlDash_writesOnlyJsonToStdout_andTheSummaryToStderr() throws Exception {
    buildRepository();

    PizzaCliTest.Run run = bakeJsonl("-");

    assertThat(run.code()).as("stderr: %s", run.err()).isZero();
    assertThat(parseLines(run.out())).hasSize(4).allSatisfy(o -> assertThat(o).containsKey("id"));
    assertThat(run.out().lines())
        .allSatisfy(l -> assertThat(l).startsWith("{\"id\":\"").endsWith("}"));
    assertThat(run.err()).contains(": 4 new, 4 total");
  }

  @Test
  void jsonl_secondBake_writesOnlyTheNewCommits() throws Exception {
    buildRepository();
    bakeJsonl("-");
    RevCommit added;
    try (TestRepos repo = TestRepos.open(dir)) {
      added = repo.commit("New", "new@example.com", "added later");
    }

    PizzaCliTest.Run run = bakeJsonl("-");

    assertThat(parseLines(run.out()))
        .singleElement()
        .satisfies(o -> assertThat(o.get("id")).isEqualTo(added.name()));
  }

  @Test
  void lineStats_addAFilesArrayToEachLine() throws Exception {
    dir = tmp.resolve("files");
    RevCommit second;
    try (TestRepos repo = TestRepos.init(dir)) {
      Files.writeString(dir.resolve("f.txt"), "one\ntwo\n");
      repo.git().add().addFilepattern(".").call();
      repo.commit("A", "a@example.com", "add f");
      Files.writeString(dir.resolve("f.txt"), "one\nTWO\nthree\n");
      repo.git().add().addFilepattern(".").call();
      second = repo.commit("A", "a@example.com", "edit f");
    }

    PizzaCliTest.Run run = bakeJsonl("-", "--line-stats");

    assertThat(run.code()).as("stderr: %s", run.err()).isZero();
    Map<String, Object> edit =
        parseLines(run.out()).stream()
            .filter(o -> o.get("id").equals(second.name()))
            .findFirst()
            .orElseThrow();
    assertThat(edit.get("files"))
        .isEqualTo(
            List.of(
                Map.of(
                    "path",
                    "f.txt",
                    "kind",
                    "MODIFIED",
                    "added",
                    2,
                    "removed",
                    1,
                    "binary",
                    false)));
  }
}
