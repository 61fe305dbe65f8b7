package dev.pizza.jgit.internal.walk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Whatever people, dates, zones and messages a commit holds, the parser reads what RevCommit reads.
 */
class ParserFidelityProperties {

  @Property(tries = 500)
  void parsedFields_equalRevCommit(
      @ForAll("people") PersonIdent author,
      @ForAll("people") PersonIdent committer,
      @ForAll("messages") String message)
      throws Exception {
    CommitBuilder cb = new CommitBuilder();
    cb.setTreeId(ObjectId.fromString("4b825dc642cb6eb9a060e54bf8d69288fbee4904"));
    cb.setParentIds(ObjectId.fromString("1".repeat(40)), ObjectId.fromString("2".repeat(40)));
    cb.setAuthor(author);
    cb.setCommitter(committer);
    cb.setMessage(message);
    byte[] raw = cb.build();
    RevCommit expected = RevCommit.parse(raw);
    CommitRecord r = new CommitParser().parse(dev.pizza.CommitId.of("a".repeat(40)), raw);

    assertThat(r.author().name()).isEqualTo(expected.getAuthorIdent().getName());
    assertThat(r.author().email()).isEqualTo(expected.getAuthorIdent().getEmailAddress());
    assertThat(r.author().instant()).isEqualTo(expected.getAuthorIdent().getWhenAsInstant());
    assertThat(r.author().offset()).isEqualTo(expected.getAuthorIdent().getZoneOffset());
    assertThat(r.committer().name()).isEqualTo(expected.getCommitterIdent().getName());
    assertThat(r.committer().email()).isEqualTo(expected.getCommitterIdent().getEmailAddress());
    assertThat(r.committer().instant()).isEqualTo(expected.getCommitterIdent().getWhenAsInstant());
    assertThat(r.committer().offset()).isEqualTo(expected.getCommitterIdent().getZoneOffset());
    assertThat(r.message()).isEqualTo(expected.getFullMessage());
    assertThat(r.parents())
        .extracting(p -> p.hex())
        .containsExactly("1".repeat(40), "2".repeat(40));
  }

  @Provide
  Arbitrary<PersonIdent> people() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20),
            Arbitraries.strings().withChars("aZé Ü漢字-_. ").ofMaxLength(12),
            Arbitraries.of("", " ", "A U Thor", "  padded  "));
    Arbitrary<String> emails =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMaxLength(10)
                .map(s -> s + "@example.com"),
            Arbitraries.of("", "x", "ü@exämple.org"));
    Arbitrary<Long> seconds = Arbitraries.longs().between(0, 4_000_000_000L);
    Arbitrary<Integer> minutes =
        Arbitraries.integers().between(-12 * 60, 14 * 60).map(m -> m / 15 * 15);
    return Combinators.combine(names, emails, seconds, minutes)
        .as(
            (n, e, s, m) ->
                new PersonIdent(n, e, Instant.ofEpochSecond(s), ZoneOffset.ofTotalSeconds(m * 60)));
  }

  @Provide
  Arbitrary<String> messages() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange(' ', '~').withChars('\n', '\t').ofMaxLength(80),
        Arbitraries.strings().withChars("aé\n漢:- <>@").ofMaxLength(40),
        Arbitraries.of("", "\n", "Subject\n\nBody\n\nCo-authored-by: A <a@x>\n"));
  }
}
