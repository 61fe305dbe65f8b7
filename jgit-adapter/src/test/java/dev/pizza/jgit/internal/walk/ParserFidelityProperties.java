package dev.pizza.jgit.internal.walk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitRecord;
import dev.pizza.Signature;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    byte[] raw =
        commit(
            author,
            committer,
            message,
            ObjectId.fromString("1".repeat(40)),
            ObjectId.fromString("2".repeat(40)));
    RevCommit expected = RevCommit.parse(raw);
    CommitRecord r = parse(raw);

    assertSameSignatures(r, expected);
    assertThat(r.message()).isEqualTo(expected.getFullMessage());
    assertThat(r.parents())
        .extracting(p -> p.hex())
        .containsExactly("1".repeat(40), "2".repeat(40));
  }

  /**
   * The parser reads a committer line byte for byte equal to the author's as the author's
   * signature: one that differs from it only in its last digits, or only in running on, is still
   * read on its own.
   */
  @Property(tries = 300)
  void committer_isReadOnItsOwn_whenItsLineDiffersFromTheAuthorsOnlyAtTheEnd(
      @ForAll("people") PersonIdent author, @ForAll("nearEnds") int change) throws Exception {
    Instant when = author.getWhenAsInstant();
    ZoneOffset zone = author.getZoneOffset();
    PersonIdent committer =
        switch (change) {
          case 0 -> author;
          case 1 -> new PersonIdent(author, when.plusSeconds(1), zone);
          case 2 -> new PersonIdent(author, when.plusSeconds(10), zone);
          default ->
              new PersonIdent(
                  author, when, ZoneOffset.ofTotalSeconds(zone.getTotalSeconds() == 0 ? 60 : 0));
        };
    byte[] raw = commit(author, committer, "m\n");

    assertSameSignatures(parse(raw), RevCommit.parse(raw));
  }

  /** A commit object over the empty tree. */
  private static byte[] commit(
      PersonIdent author, PersonIdent committer, String message, ObjectId... parents)
      throws UnsupportedEncodingException {
    CommitBuilder cb = new CommitBuilder();
    cb.setTreeId(ObjectId.fromString("4b825dc642cb6eb9a060e54bf8d69288fbee4904"));
    cb.setParentIds(parents);
    cb.setAuthor(author);
    cb.setCommitter(committer);
    cb.setMessage(message);
    return cb.build();
  }

  private static CommitRecord parse(byte[] raw) {
    return new CommitParser().parse(dev.pizza.CommitId.of("a".repeat(40)), raw);
  }

  /** The record's author and committer are what RevCommit reads, field for field. */
  private static void assertSameSignatures(CommitRecord r, RevCommit expected) {
    assertSameSignature(r.author(), expected.getAuthorIdent());
    assertSameSignature(r.committer(), expected.getCommitterIdent());
  }

  private static void assertSameSignature(Signature actual, PersonIdent expected) {
    assertThat(actual.name()).isEqualTo(expected.getName());
    assertThat(actual.email()).isEqualTo(expected.getEmailAddress());
    assertThat(actual.instant()).isEqualTo(expected.getWhenAsInstant());
    assertThat(actual.offset()).isEqualTo(expected.getZoneOffset());
  }

  @Provide
  Arbitrary<Integer> nearEnds() {
    return Arbitraries.integers().between(0, 3);
  }

  @Property(tries = 500)
  void message_isDecodedAsRevCommitDecodesIt_whateverItsBytesAndEncodingHeaders(
      @ForAll("headers") String headers, @ForAll("bytes") byte[] message) throws Exception {
    String head =
        "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
            + "author A <a@example.com> 1600000000 +0100\n"
            + "committer C <c@example.com> 1600000000 +0100\n"
            + headers
            + "\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] raw = Arrays.copyOf(h, h.length + message.length);
    System.arraycopy(message, 0, raw, h.length, message.length);

    assertThat(parse(raw).message()).isEqualTo(RevCommit.parse(raw).getFullMessage());
  }

  @Provide
  Arbitrary<String> headers() {
    return Arbitraries.of(
        "",
        "encoding ISO-8859-1\n",
        "encoding UTF-8\n",
        "encoding no-such-charset\n",
        "encoding windows-1252\n",
        "extra header\nencoding ISO-8859-1\n", // JGit reads only the first line starting with 'e'
        "encoding ISO-8859-1\nextra header\n",
        "gpgsig -----BEGIN PGP SIGNATURE-----\n encoding ISO-8859-1\n -----END PGP SIGNATURE-----\n",
        "mergetag object 1111111111111111111111111111111111111111\n type commit\n");
  }

  /** Messages of any bytes but NUL (where the parser ends a message and JGit does not). */
  @Provide
  Arbitrary<byte[]> bytes() {
    Arbitrary<Byte> any = Arbitraries.bytes().filter(b -> b != 0);
    List<Byte> pool = new ArrayList<>();
    for (byte b : "aé漢😀\uFFFD\n: <>".getBytes(StandardCharsets.UTF_8)) {
      pool.add(b);
    }
    Arbitrary<Byte> text = Arbitraries.of(pool);
    return Arbitraries.oneOf(any, text)
        .list()
        .ofMaxSize(40)
        .map(
            l -> {
              byte[] b = new byte[l.size()];
              for (int i = 0; i < b.length; i++) {
                b[i] = l.get(i);
              }
              return b;
            });
  }

  @Provide
  Arbitrary<PersonIdent> people() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            // without '<' and '>': there the parser reads the line as git does, not as JGit
            // (CraftedIdentTest compares those with git)
            Arbitraries.strings()
                .withCharRange(' ', '~')
                .ofMaxLength(20)
                .filter(n -> n.indexOf('<') < 0 && n.indexOf('>') < 0),
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
