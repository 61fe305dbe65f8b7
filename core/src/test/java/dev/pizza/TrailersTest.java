package dev.pizza;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrailersTest {
  private static final Signature WHO =
      new Signature(new Identity("A", "a@example.com"), Instant.EPOCH, ZoneOffset.UTC);

  private static CommitRecord record(String message) {
    return CommitRecord.of(CommitId.of("a".repeat(40)), List.of(), WHO, WHO, message);
  }

  @Test
  void coAuthors_withOddSpacingAndCase_areParsed() {
    CommitRecord r =
        record(
            "Fix\n\nBody.\n\nCo-authored-by:Jane  Doe<jane@example.com>\n"
                + "CO-AUTHORED-BY :   Ann   <  ann@example.com >   \n"
                + "Co-authored-by: Bo <bo@example.com>\n");
    assertThat(r.coAuthors())
        .containsExactly(
            new Identity("Jane Doe", "jane@example.com"),
            new Identity("Ann", "ann@example.com"),
            new Identity("Bo", "bo@example.com"));
  }

  @Test
  void malformedCoAuthor_isKeptAsTrailer_butNotAnIdentity() {
    CommitRecord r =
        record(
            "Fix\n\nCo-authored-by: Nobody Without Email\nCo-authored-by: Bo <bo@example.com>\n");
    assertThat(r.coAuthors()).containsExactly(new Identity("Bo", "bo@example.com"));
    assertThat(r.trailersByKey().get("Co-authored-by"))
        .containsExactly("Nobody Without Email", "Bo <bo@example.com>");
  }

  @Test
  void otherTrailers_areKept_inOrder_andContinuationLinesJoined() {
    CommitRecord r =
        record(
            "Fix\n\nSigned-off-by: A <a@x>\nReviewed-by: B <b@x>\n"
                + "Acked-by: C\n  <c@x>\nsigned-off-by: D <d@x>\n");
    assertThat(r.trailers())
        .extracting(Trailer::key)
        .containsExactly("Signed-off-by", "Reviewed-by", "Acked-by", "signed-off-by");
    assertThat(r.trailersByKey())
        .containsEntry("Signed-off-by", List.of("A <a@x>", "D <d@x>"))
        .containsEntry("Acked-by", List.of("C <c@x>"));
  }

  @Test
  void proseParagraph_withAColon_isNotATrailerBlock() {
    CommitRecord r = record("Fix\n\nNote: this explains the change\nin two lines of prose.\n");
    assertThat(r.trailers()).isEmpty();
  }

  @Test
  void subjectOnly_hasNoTrailers_evenIfItLooksLikeOne() {
    assertThat(record("Signed-off-by: A <a@x>\n").trailers()).isEmpty();
  }

  /** rails has such commits from git-svn: git reads trailers from the subject on. */
  @Test
  void leadingBlankLines_leaveTheFirstTextLineTheTitle_notATrailer() {
    assertThat(record("\n\ngit-svn-id: http://x/trunk@47 5ecf\n").trailers()).isEmpty();
    assertThat(record("\n \nFix\n\nSigned-off-by: A <a@x>\n").trailersByKey())
        .containsOnlyKeys("Signed-off-by");
  }

  @Test
  void mixedBlock_withSignedOff_keepsTrailers_skipsOtherLines() {
    CommitRecord r = record("Fix\n\nsome free text line\nSigned-off-by: A <a@x>\n");
    assertThat(r.trailersByKey()).containsOnlyKeys("Signed-off-by");
  }

  @Test
  void subject_joinsTheFirstParagraph_mergeFlagFollowsParents() {
    CommitRecord r =
        CommitRecord.of(
            CommitId.of("b".repeat(40)),
            List.of(CommitId.of("1".repeat(40)), CommitId.of("2".repeat(40))),
            WHO,
            WHO,
            "Merge branch\n 'x'\n\nbody");
    // As git's %s: line breaks become one space; a line's leading whitespace is kept.
    assertThat(r.subject()).isEqualTo("Merge branch  'x'");
    assertThat(r.isMerge()).isTrue();
  }
}
