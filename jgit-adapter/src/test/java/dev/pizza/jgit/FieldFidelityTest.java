package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryUrl;
import dev.pizza.Signature;
import dev.pizza.testing.InMemoryCommitSink;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each record's fields equal what JGit's RevCommit reads from the same commit. */
class FieldFidelityTest {
  @TempDir Path tmp;

  @Test
  void everyField_equalsWhatRevCommitReads() throws Exception {
    Path dir = tmp.resolve("origin.git");
    try (TestRepository repo = TestRepository.createBare(dir)) {
      PersonIdent a =
          TestRepository.person("Zoë Ünicode", "zoe@example.com", 1_500_000_000L, "-03:30");
      PersonIdent c = TestRepository.person("", "", 1_500_000_100L, "+14:00");
      ObjectId root = repo.commit(a, c, "root\n", List.of());
      ObjectId second =
          repo.commit(
              TestRepository.person("Bob \"Quotes\"", "bob@example.org", 1, "UTC"),
              a,
              "Subject line\nthat wraps\n\nBody with \"quotes\", \\ and tabs\t.\n\n"
                  + "Co-authored-by:   Jane   Doe   <jane@example.com>  \n"
                  + "co-authored-by: Ann <ann@example.com>\n"
                  + "Co-authored-by Malformed Line <x@example.com>\n"
                  + "Signed-off-by: Bob <bob@example.org>\n",
              List.of(root));
      ObjectId latin = insertLatin1(repo, second);
      ObjectId merge =
          repo.commit(a, a, "Merge\n", List.of(latin, repo.commit(1_400_000_000L, root)));
      repo.branch("main", merge);

      InMemoryCommitSink sink = new InMemoryCommitSink();
      try (PizzaOven oven =
          PizzaOven.builder()
              .backend(JGitBackend.builder().build())
              .allowLocalRepositories(true)
              .build()) {
        oven.bake(dir.toString(), sink);
      }
      Map<dev.pizza.CommitId, CommitRecord> records =
          sink.records(RepositoryUrl.parse(dir.toString()).id());
      assertThat(records).hasSize(5);

      try (RevWalk walk = new RevWalk(repo.repository())) {
        for (CommitRecord r : records.values()) {
          RevCommit rc = walk.parseCommit(ObjectId.fromString(r.id().hex()));
          assertSame(r.author(), rc.getAuthorIdent());
          assertSame(r.committer(), rc.getCommitterIdent());
          assertThat(r.message()).isEqualTo(rc.getFullMessage());
          assertThat(r.subject()).isEqualTo(rc.getShortMessage());
          assertThat(r.parents())
              .extracting(p -> p.hex())
              .containsExactly(
                  java.util.Arrays.stream(rc.getParents())
                      .map(RevCommit::name)
                      .toArray(String[]::new));
          assertThat(r.isMerge()).isEqualTo(rc.getParentCount() > 1);
        }
      }
      CommitRecord withTrailers = records.get(dev.pizza.CommitId.of(second.name()));
      assertThat(withTrailers.coAuthors())
          .containsExactly(
              new Identity("Jane Doe", "jane@example.com"), new Identity("Ann", "ann@example.com"));
      assertThat(withTrailers.trailersByKey())
          .containsEntry("Signed-off-by", List.of("Bob <bob@example.org>"))
          .doesNotContainKey("Co-authored-by Malformed Line <x@example.com>");
      assertThat(records.get(dev.pizza.CommitId.of(latin.name())).message()).contains("Café");
    }
  }

  private static void assertSame(Signature s, PersonIdent p) {
    assertThat(s.name()).isEqualTo(p.getName());
    assertThat(s.email()).isEqualTo(p.getEmailAddress());
    assertThat(s.instant()).isEqualTo(p.getWhenAsInstant());
    assertThat(s.offset()).isEqualTo(p.getZoneOffset());
  }

  /** A commit whose message is ISO-8859-1 with an encoding header, as old git tools wrote. */
  private static ObjectId insertLatin1(TestRepository repo, ObjectId parent) throws Exception {
    CommitBuilder cb = new CommitBuilder();
    cb.setTreeId(repo.emptyTree());
    cb.setParentId(parent);
    PersonIdent p =
        TestRepository.person("Andr\u00e9", "andre@example.com", 1_000_000_000L, "+01:00");
    cb.setAuthor(p);
    cb.setCommitter(p);
    cb.setEncoding(Charset.forName("ISO-8859-1"));
    cb.setMessage("Caf\u00e9 au lait\n");
    try (ObjectInserter ins = repo.repository().newObjectInserter()) {
      ObjectId id = ins.insert(cb);
      ins.flush();
      assertThat(StandardCharsets.ISO_8859_1).isNotNull();
      return id;
    }
  }
}
