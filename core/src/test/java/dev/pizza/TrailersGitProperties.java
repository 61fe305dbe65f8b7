package dev.pizza;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * On random messages built from trailer-like, comment, conflicts and plain lines, the trailers
 * equal what {@code git interpret-trailers --parse --no-divider} prints (git's rules for a commit's
 * {@code %(trailers)}). A bounded sample: each try runs git once.
 */
class TrailersGitProperties {

  @Property(tries = 60)
  void trailers_equalGitInterpretTrailers(@ForAll("messages") String message) throws Exception {
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

  /** Returns git's parse of {@code message}, or null when git is not installed. */
  private static String gitParse(String message) {
    try {
      Process p =
          new ProcessBuilder("git", "interpret-trailers", "--parse", "--no-divider")
              .redirectErrorStream(true)
              .start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(message.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor() == 0 ? out : null;
    } catch (Exception e) {
      return null;
    }
  }
}
