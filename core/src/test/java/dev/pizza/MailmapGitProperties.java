package dev.pizza;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * On random mailmaps built from every rule form, comments, malformed lines and case variants, the
 * mapped identities equal what {@code git check-mailmap} prints. A bounded sample: each try runs
 * git once, for every identity of the pool at once.
 */
class MailmapGitProperties {
  private static final List<String> NAMES = List.of("Ann", "ann", "Bob B", "Carl", "");
  private static final List<String> EMAILS = List.of("a@x", "A@X", "b@x", "c@x", "d@x");

  private static Path repo;

  @BeforeContainer
  static void init() throws Exception {
    repo = Files.createTempDirectory("mailmap-git");
    run(List.of("git", "init", "-q", repo.toString()));
  }

  @AfterContainer
  static void clean() throws Exception {
    try (var files = Files.walk(repo)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Property(tries = 60)
  void mappedIdentities_equalGitCheckMailmap(@ForAll("mailmaps") String text) throws Exception {
    Path file = repo.resolve("extra.mailmap");
    Files.writeString(file, text);
    List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
    cmd.addAll(List.of("-c", "mailmap.file=" + file, "check-mailmap"));
    List<Identity> queries = new ArrayList<>();
    for (String n : NAMES) {
      for (String e : EMAILS) {
        queries.add(new Identity(n, e));
        cmd.add(n.isEmpty() ? "<" + e + ">" : n + " <" + e + ">");
      }
    }
    String git = run(cmd);
    Assume.that(git != null);
    Mailmap m = Mailmap.parse(text);
    StringBuilder ours = new StringBuilder();
    for (Identity q : queries) {
      Identity p = m.map(q);
      ours.append(p.name().isEmpty() ? "" : p.name() + " ").append('<').append(p.email());
      ours.append(">\n");
    }
    assertThat(ours.toString()).as("mailmap:\n%s", text).isEqualTo(git);
  }

  @Provide
  Arbitrary<String> mailmaps() {
    Arbitrary<String> name = Arbitraries.of("Proper", "  Spaced  Name ", "ann", "Ann", "Bob B");
    Arbitrary<String> email = Arbitraries.of(EMAILS.toArray(new String[0]));
    Arbitrary<String> proper = Arbitraries.of("p@y", "P@Y", "q@y");
    Arbitrary<String> line =
        Arbitraries.oneOf(
            Arbitraries.of(
                "# Ignored <a@x>",
                "",
                "   ",
                "no email",
                "Broken <a@x",
                "Empty <>",
                "Proper <p@y> <>",
                "Trailing <a@x> # comment",
                "X <p@y> Ann <a@x> extra <b@x>"),
            net.jqwik.api.Combinators.combine(name, email).as((n, e) -> n + " <" + e + ">"),
            net.jqwik.api.Combinators.combine(proper, email)
                .as((p, e) -> "<" + p + "> <" + e + ">"),
            net.jqwik.api.Combinators.combine(name, proper, email)
                .as((n, p, e) -> n + " <" + p + "> <" + e + ">"),
            net.jqwik.api.Combinators.combine(name, proper, name, email)
                .as((n, p, c, e) -> n + " <" + p + "> " + c + " <" + e + ">"),
            net.jqwik.api.Combinators.combine(proper, name, email)
                .as((p, c, e) -> "<" + p + "> " + c + " <" + e + ">"));
    return line.list().ofMinSize(1).ofMaxSize(8).map(l -> String.join("\n", l) + "\n");
  }

  /** Returns the command's output, or null when it fails (git not installed). */
  private static String run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor() == 0 ? out : null;
    } catch (Exception e) {
      return null;
    }
  }
}
