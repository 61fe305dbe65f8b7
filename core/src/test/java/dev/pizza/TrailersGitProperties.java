package dev.pizza;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.jspecify.annotations.Nullable;

/**
 * On random messages built from trailer-like, comment, conflicts and plain lines, the trailers
 * equal what {@code git log --format=%(trailers:only,unfold)} prints for a commit with that
 * message. A bounded sample: each try runs git twice.
 */
class TrailersGitProperties {

  @Property(tries = 60)
  void trailers_equalGitLog(@ForAll("messages") String message) throws Exception {
    String git = gitParse(message);
    Assume.that(git != null);
    String ours =
        Trailers.parse(message).stream()
            .map(t -> t.key() + ": " + t.value() + "\n")
            .collect(Collectors.joining());
    assertThat(ours).isEqualTo(git);
  }

  @Provide
  Arbitrary<String> messages() {
    Arbitrary<String> line =
        Arbitraries.of(
            "Subject",
            "",
            " ",
            "Body text here.",
            "Signed-off-by: A <a@b.c>",
            "Co-authored-by: B <b@c.d>",
            "Key : value",
            "Not A: trailer",
            "  continued value",
            "\tfile.c",
            "Conflicts:",
            "# a comment",
            "(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)",
            "Fixes: #12",
            "x:",
            ": no token");
    return line.list().ofMinSize(1).ofMaxSize(10).map(l -> String.join("\n", l) + "\n");
  }

  /**
   * Returns what {@code git log --format=%(trailers:only,unfold)} prints for a commit holding
   * {@code message} (made by {@code commit-tree}, which keeps the message as given), or null when
   * git is not installed. Not {@code interpret-trailers}: it reads from the first line, while git
   * log skips blank lines before the subject.
   */
  private static String gitParse(String message) {
    try {
      if (repo == null) {
        repo = Files.createTempDirectory("trailers-git");
        git(null, "init", "-q", repo.toString());
        emptyTree =
            git(null, "-C", repo.toString(), "hash-object", "-t", "tree", "-w", "/dev/null");
      }
      String commit = git(message, "-C", repo.toString(), "commit-tree", emptyTree.strip()).strip();
      String out =
          git(
              null,
              "-C",
              repo.toString(),
              "log",
              "-1",
              "--format=%(trailers:only,unfold)%x00",
              commit);
      return out.substring(0, out.indexOf('\0'));
    } catch (Exception e) {
      return null;
    }
  }

  private static @Nullable Path repo;

  @AfterContainer
  static void deleteRepository() throws IOException {
    if (repo != null) {
      try (Stream<Path> paths = Files.walk(repo)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String emptyTree = "";

  private static String git(@Nullable String stdin, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("git", "-c", "user.name=T", "-c", "user.email=t@t"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(out);
    }
    return out;
  }
}
