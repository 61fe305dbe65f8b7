package dev.pizza;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules of {@code gitmailmap(5)}, one behaviour per test, as git's {@code mailmap.c}. */
class MailmapTest {

  private static Identity id(String name, String email) {
    return new Identity(name, email);
  }

  // ---- the four forms

  @Test
  void nameOnly_replacesTheNameOfThatEmail() {
    Mailmap m = Mailmap.parse("Proper Name <commit@email>\n");
    assertThat(m.map(id("old", "commit@email"))).isEqualTo(id("Proper Name", "commit@email"));
  }

  @Test
  void emailOnly_replacesTheEmailAndKeepsTheName() {
    Mailmap m = Mailmap.parse("<proper@email> <commit@email>\n");
    assertThat(m.map(id("old", "commit@email"))).isEqualTo(id("old", "proper@email"));
  }

  @Test
  void nameAndEmail_replaceBoth() {
    Mailmap m = Mailmap.parse("Proper Name <proper@email> <commit@email>\n");
    assertThat(m.map(id("old", "commit@email"))).isEqualTo(id("Proper Name", "proper@email"));
  }

  @Test
  void commitNameAndEmail_applyOnlyToThatName() {
    Mailmap m = Mailmap.parse("Proper Name <proper@email> Commit Name <commit@email>\n");
    assertThat(m.map(id("Commit Name", "commit@email")))
        .isEqualTo(id("Proper Name", "proper@email"));
    assertThat(m.map(id("Other Name", "commit@email"))).isEqualTo(id("Other Name", "commit@email"));
  }

  @Test
  void commitNameAndEmail_withoutProperName_replaceTheEmailOnly() {
    Mailmap m = Mailmap.parse("<proper@email> Commit Name <commit@email>\n");
    assertThat(m.map(id("Commit Name", "commit@email")))
        .isEqualTo(id("Commit Name", "proper@email"));
  }

  @Test
  void commitName_fallsBackToTheEmailsSimpleMapping() {
    Mailmap m =
        Mailmap.parse(
            "Simple <simple@email> <commit@email>\n"
                + "Exact <exact@email> Commit Name <commit@email>\n");
    assertThat(m.map(id("Commit Name", "commit@email"))).isEqualTo(id("Exact", "exact@email"));
    assertThat(m.map(id("Someone", "commit@email"))).isEqualTo(id("Simple", "simple@email"));
  }

  // ---- comparison

  @Test
  void emailsAndCommitNames_compareIgnoringAsciiCase() {
    Mailmap m = Mailmap.parse("Proper <proper@email> Commit Name <Commit@Email>\n");
    assertThat(m.map(id("COMMIT name", "commit@EMAIL"))).isEqualTo(id("Proper", "proper@email"));
  }

  @Test
  void nonAsciiLetters_compareExactly() {
    Mailmap m = Mailmap.parse("Proper <é@x>\n");
    assertThat(m.map(id("a", "É@x"))).isEqualTo(id("a", "É@x"));
    assertThat(m.map(id("a", "é@x"))).isEqualTo(id("Proper", "é@x"));
  }

  @Test
  void unmatchedIdentity_isReturnedItself() {
    Mailmap m = Mailmap.parse("Proper <proper@email> <commit@email>\n");
    Identity other = id("x", "other@email");
    assertThat(m.map(other)).isSameAs(other);
  }

  // ---- several lines

  @Test
  void simpleLinesForOneEmail_combine() {
    Mailmap m = Mailmap.parse("<proper@email> <commit@email>\nProper Name <commit@email>\n");
    assertThat(m.map(id("old", "commit@email"))).isEqualTo(id("Proper Name", "proper@email"));
  }

  @Test
  void laterSimpleLine_replacesTheEarlierName() {
    Mailmap m = Mailmap.parse("First <commit@email>\nSecond <commit@email>\n");
    assertThat(m.map(id("old", "commit@email"))).isEqualTo(id("Second", "commit@email"));
  }

  @Test
  void laterLineOfTheFourthForm_replacesTheEarlierWhole() {
    Mailmap m =
        Mailmap.parse(
            "First <first@email> Name <commit@email>\n<second@email> name <commit@email>\n");
    assertThat(m.map(id("Name", "commit@email"))).isEqualTo(id("Name", "second@email"));
  }

  @Test
  void followedBy_letsTheLaterMailmapWin() {
    Mailmap repo = Mailmap.parse("Repo Name <repo@email> <commit@email>\n");
    Mailmap host = Mailmap.parse("Host Name <commit@email>\n");
    assertThat(repo.followedBy(host).map(id("old", "commit@email")))
        .isEqualTo(id("Host Name", "repo@email"));
    assertThat(host.followedBy(repo).map(id("old", "commit@email")))
        .isEqualTo(id("Repo Name", "repo@email"));
  }

  // ---- syntax

  @Test
  void commentsBlankAndMalformedLines_areIgnored() {
    Mailmap m =
        Mailmap.parse(
            "# Proper <commit@email>\n\n   \nno email here\nName <unclosed@email\nName <>\n"
                + "Proper <commit@email> # trailing comment\n");
    assertThat(m.map(id("old", "commit@email"))).isEqualTo(id("Proper", "commit@email"));
    assertThat(Mailmap.parse("# only\n\nnothing\n").isEmpty()).isTrue();
  }

  @Test
  void indentedHash_isNotAComment() {
    Mailmap m = Mailmap.parse(" # Proper <commit@email>\n");
    assertThat(m.map(id("old", "commit@email"))).isEqualTo(id("# Proper", "commit@email"));
  }

  @Test
  void namesAreTrimmed_emailsAreNot() {
    Mailmap m = Mailmap.parse(" \tProper  Name \t<proper@email>   Commit Name  <commit@email>\r\n");
    assertThat(m.map(id("Commit Name", "commit@email")))
        .isEqualTo(id("Proper  Name", "proper@email"));
    assertThat(Mailmap.parse("P < spaced@email >\n").map(id("x", " spaced@email ")))
        .isEqualTo(id("P", " spaced@email "));
  }

  @Test
  void emptySecondEmail_mapsCommitsWithoutEmail() {
    Mailmap m = Mailmap.parse("Proper <proper@email> <>\n");
    assertThat(m.map(id("nobody", ""))).isEqualTo(id("Proper", "proper@email"));
  }

  @Test
  void crlfLines_parseAsLf() {
    Mailmap m = Mailmap.parse("Proper <commit@email>\r\n<p@e> <c@e>\r\n");
    assertThat(m.map(id("old", "commit@email"))).isEqualTo(id("Proper", "commit@email"));
    assertThat(m.map(id("old", "c@e"))).isEqualTo(id("old", "p@e"));
  }

  // ---- records

  @Test
  void record_keepsTheWrittenIdentityAndAddsTheMappedOne() {
    Signature a =
        new Signature(id("old", "commit@email"), java.time.Instant.EPOCH, java.time.ZoneOffset.UTC);
    CommitRecord r =
        CommitRecord.of(
            CommitId.of("0123456789abcdef0123456789abcdef01234567"),
            java.util.List.of(),
            a,
            a,
            "s\n\nCo-authored-by: Old <commit@email>\n");
    assertThat(r.isMapped()).isFalse();
    assertThat(r.mappedAuthor()).isEqualTo(a.identity());
    CommitRecord m = r.mapped(Mailmap.parse("Proper <proper@email> <commit@email>\n"));
    assertThat(m.author()).isEqualTo(a);
    assertThat(m.mappedAuthor()).isEqualTo(id("Proper", "proper@email"));
    assertThat(m.mappedCommitter()).isEqualTo(id("Proper", "proper@email"));
    assertThat(m.coAuthors()).containsExactly(id("Old", "commit@email"));
    assertThat(m.mappedCoAuthors()).containsExactly(id("Proper", "proper@email"));
    assertThat(m.isMapped()).isTrue();
    assertThat(r.mapped(Mailmap.EMPTY)).isSameAs(r);
  }
}
