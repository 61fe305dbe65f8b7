package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits whose author line git itself writes only with {@code hash-object --literally}: each is
 * baked from a real repository and compared with what {@code git log} shows for it.
 */
class CraftedIdentTest {

  @TempDir static Path tmp;

  @BeforeAll
  static void git() {
    NativeGit.assumeInstalled("to write crafted commit objects");
  }

  @Test
  void identWithoutBrackets_doesNotBleedIntoTheCommitterLine() throws Exception {
    CommitRecord r = bakeOne("author John Doe 1700000000 +0000");
    assertThat(r.author().name()).isEqualTo(gitLog("%an"));
    assertThat(r.author().email()).isEqualTo(gitLog("%ae"));
    assertThat(r.author().name()).isEmpty();
    assertThat(r.author().email()).isEmpty();
    assertThat(r.committer().name()).isEqualTo("C O");
    assertThat(r.committer().email()).isEqualTo("c@o");
  }

  @Test
  void overflowingTime_isDeliveredAsTheEpochAsGitShowsIt() throws Exception {
    CommitRecord r = bakeOne("author A B <a@b> 99999999999999999999999 +0000");
    assertThat(iso(r)).isEqualTo(gitLog("%aI")).isEqualTo("1970-01-01T00:00:00+00:00");
    assertThat(r.author().name()).isEqualTo("A B");
  }

  @Test
  void timeTooLargeForAnInstant_isClampedNotFatal() throws Exception {
    CommitRecord r = bakeOne("author A B <a@b> 9000000000000000000 +0000");
    assertThat(r.author().time().getYear()).isEqualTo(9999);
  }

  @Test
  void timeThatIsNotANumber_isDeliveredAsTheEpoch() throws Exception {
    CommitRecord r = bakeOne("author A B <a@b> abc +0000");
    assertThat(r.author().instant()).isEqualTo(Instant.EPOCH);
    assertThat(r.author().offset()).isEqualTo(ZoneOffset.UTC);
    assertThat(r.author().email()).isEqualTo(gitLog("%ae"));
  }

  @Test
  void offsetOutOfRange_keepsTheTimeAtUtc() throws Exception {
    CommitRecord r = bakeOne("author A B <a@b> 1700000000 +99999");
    assertThat(r.author().instant().getEpochSecond()).isEqualTo(Long.parseLong(gitLog("%at")));
    assertThat(r.author().offset()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void garbageOffset_isDeliveredAsTheEpoch() throws Exception {
    CommitRecord r = bakeOne("author A B <a@b> 1700000000 garbage");
    assertThat(r.author().instant()).isEqualTo(Instant.EPOCH);
    assertThat(r.author().offset()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void timePastYear9999_comesOutAsAFourDigitYear() throws Exception {
    CommitRecord r = bakeOne("author A B <a@b> 253402300800 +0100");
    String text = r.author().time().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    assertThat(text).isEqualTo("9999-12-31T23:59:59+01:00");
    assertThat(OffsetDateTime.parse(text).getYear()).isEqualTo(9999);
  }

  @Test
  void unusualButValidOffset_matchesGit() throws Exception {
    CommitRecord r = bakeOne("author A B <a@b> 1700000000 +12");
    assertThat(iso(r)).isEqualTo(gitLog("%aI"));
  }

  /** git reads a header line up to a NUL byte (fsck's nulInHeader): so does pizza. */
  @Test
  void nulInIdentLine_endsTheLineAsGitReadsIt() throws Exception {
    CommitRecord r = bakeOne("author A <a@x> 1700000000 +0100\0junk");
    assertThat(r.author().name()).isEqualTo(gitLog("%an")).isEqualTo("A");
    assertThat(r.author().email()).isEqualTo(gitLog("%ae")).isEqualTo("a@x");
    assertThat(iso(r)).isEqualTo(gitLog("%aI")).isEqualTo("2023-11-14T23:13:20+01:00");

    CommitRecord broken = bakeOne("author A\0B <a@x> 1700000000 +0000");
    assertThat(broken.author().name()).isEqualTo(gitLog("%an")).isEmpty();
    assertThat(broken.author().email()).isEqualTo(gitLog("%ae")).isEmpty();

    CommitRecord email = bakeOne("author A <a\0b@x> 1700000000 +0000");
    assertThat(email.author().name()).isEqualTo(gitLog("%an")).isEmpty();
    assertThat(email.author().email()).isEqualTo(gitLog("%ae")).isEmpty();
    assertThat(email.committer().name()).isEqualTo("C O");
  }

  /**
   * git's {@code split_ident_line} ends the name at its last non-whitespace byte before {@code <};
   * JGit trims one space only (59 commits of rails were delivered with a trailing space).
   */
  @Test
  void whitespaceBeforeTheEmail_isNotPartOfTheNameAsGitShowsIt() throws Exception {
    for (String line :
        List.of(
            "author Doug Yun  <d@y> 1700000000 +0000",
            "author Tab\t <t@b> 1700000000 +0000",
            "author  Lead <l@d> 1700000000 +0000",
            "author    <only@space> 1700000000 +0000",
            "author Cr\r <cr@x> 1700000000 +0000",
            "author Slow  Path  <s@p> 1700000000 +99999")) {
      CommitRecord r = bakeOne(line);
      assertThat("[" + r.author().name() + "][" + r.author().email() + "]")
          .as(line)
          .isEqualTo(gitLog("[%an][%ae]"));
    }
  }

  /** A name or email holding {@code <} or {@code >} is read as git reads it, not as JGit does. */
  @Test
  void bracketsInsideTheNameOrEmail_areReadAsGitReadsThem() throws Exception {
    for (String line :
        List.of(
            "author A < B <a@b> 1700000000 +0100",
            "author A > B <a@b> 1700000000 +0100",
            "author A <a@b> C <c@d> 1700000000 +0100",
            "author A <a>b> 1700000000 +0100",
            "author A <<a@b>> 1700000000 +0100",
            "author ! < <@example.com> 0 +0000")) {
      CommitRecord r = bakeOne(line);
      assertThat("[" + r.author().name() + "][" + r.author().email() + "][" + iso(r) + "]")
          .as(line)
          .isEqualTo(gitLog("[%an][%ae][%aI]"));
    }
  }

  private Path repo;
  private String commit;

  private CommitRecord bakeOne(String authorLine) throws Exception {
    CraftedCommit c =
        CraftedCommit.bake(tmp, authorLine + "\ncommitter C O <c@o> 1700000000 +0000\n\nsubject\n");
    repo = c.repo();
    commit = c.id();
    return c.record();
  }

  private String gitLog(String format) throws Exception {
    return NativeGit.run(repo, "log", "-1", "--format=" + format, commit).strip();
  }

  /** Formats the author time as git's {@code %aI} does (never {@code Z} for UTC). */
  private static String iso(CommitRecord r) {
    return r.author().time().format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx"));
  }
}
