package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitRecord;
import dev.pizza.Trailer;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crafted commit messages (written with {@code hash-object --literally}) whose subject and trailers
 * pizza must read as git does: {@code git log --format=%s} and {@code %(trailers:only,unfold)}.
 */
class CraftedMessageTest {

  @TempDir static Path tmp;

  @BeforeAll
  static void git() {
    NativeGit.assumeInstalled("to write crafted commit objects");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Merge branch 'x'\n\nConflicts:\n\tfile.c\n\tother.c\n",
        "Merge branch 'x'\n\nSigned-off-by: A <a@b.c>\n\nConflicts:\n\tfile.c\n",
        "Subject\n\nBody.\n\nCo-authored-by: B <b@c.d>\n"
            + "# Please enter the commit message for your changes.\n# comment\n",
        "Subject\n\nCo-authored-by: B <b@c.d>\n#\n\n# trailing comment\n",
        "Subject\n\nKey: v\n  continued\nOther: w\n",
      })
  void conflictsBlockAndTrailingComments_areSkippedAsGitDoes(String message) throws Exception {
    CommitRecord r = bake(message);
    assertThat(trailerLines(r)).isEqualTo(gitLog("%(trailers:only,unfold)").strip());
    assertThat(r.trailers()).extracting(Trailer::key).doesNotContain("Conflicts");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\n\nSubject after blank lines\n\nbody\n",
        "Subject line\n   \nbody that is not the subject\n",
        "Subject line\r\n\r\nbody that is not the subject\r\n",
        "Subject\nthat wraps\n\nbody\n",
        "  Indented subject  \n\tsecond line\n\nbody\n",
        " \n\t\nSubject after whitespace lines\n",
      })
  void subject_isGitsPercentS(String message) throws Exception {
    CommitRecord r = bake(message);
    assertThat(r.subject()).isEqualTo(gitLog("%s"));
  }

  /**
   * git prints a message up to its first NUL byte; so does pizza, subject and trailers included.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "Subject\n\nbody with \0 a NUL inside\n\nSigned-off-by: A <a@b.c>\n",
        "Subject with \0 a NUL\n\nbody\n",
        "\0 a NUL first\n",
        "Subject\n\nSigned-off-by: A <a@b.c>\n\0\nCo-authored-by: B <b@c.d>\n",
      })
  void nulInMessage_endsItAsGitLogDoes(String message) throws Exception {
    CommitRecord r = bake(message);
    assertThat(r.message()).isEqualTo(gitLog("%B")).doesNotContain("\0");
    assertThat(r.subject()).isEqualTo(gitLog("%s"));
    assertThat(trailerLines(r)).isEqualTo(gitLog("%(trailers:only,unfold)").strip());
  }

  private Path repo;
  private String commit;

  private CommitRecord bake(String message) throws Exception {
    CraftedCommit c =
        CraftedCommit.bake(
            tmp,
            "author A U Thor <a@u.t> 1700000000 +0000\ncommitter C O <c@o> 1700000000 +0000\n\n"
                + message);
    repo = c.repo();
    commit = c.id();
    return c.record();
  }

  /**
   * The record's trailers as git prints {@code %(trailers:only,unfold)}, without its last newline.
   */
  private static String trailerLines(CommitRecord r) {
    return r.trailers().stream()
        .map(t -> t.key() + ": " + t.value())
        .collect(Collectors.joining("\n"));
  }

  /** Runs {@code git log -1 --format=FORMAT}, dropping only the newline git ends it with. */
  private String gitLog(String format) throws Exception {
    String out = NativeGit.run(repo, "log", "-1", "--format=" + format, commit);
    return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
  }
}
