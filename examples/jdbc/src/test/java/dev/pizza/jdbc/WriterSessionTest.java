package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.BakeResult;
import dev.pizza.CommitRecord;
import dev.pizza.PizzaOven;
import dev.pizza.jgit.JGitBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the writer keeps from one batch to the next (prepared statements, the row ids it handed out,
 * the author emails it stored) lasts one transaction: a rolled back transaction's emails are stored
 * again, and a transaction that follows another writer's numbers its commits above that writer's.
 */
class WriterSessionTest {
  private static final long T0 = 1_700_000_000L;

  @TempDir Path tmp;

  /** A bake's result and the records it delivered. */
  private record Recorded(BakeResult result, List<CommitRecord> delivered) {}

  /** Bakes {@code repo} into a database of its own and returns what it delivered. */
  private Recorded recorded(SqlDialect dialect, GitRepo repo, PizzaOven oven) throws Exception {
    try (PizzaDatabase scratch = Databases.open(dialect, tmp)) {
      TeeSink tee = new TeeSink(scratch.sink());
      BakeResult result = oven.bake(repo.url(), tee);
      return new Recorded(result, List.copyOf(tee.delivered));
    }
  }

  private PizzaOven oven() throws Exception {
    return PizzaOven.builder()
        .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
        .allowLocalRepositories(true)
        .build();
  }

  /** Returns the emails of the original service's commit_authors, which SQLite keeps in a table. */
  private static Set<String> authorEmails(PizzaDatabase db) throws Exception {
    Set<String> emails = new TreeSet<>();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT commit_author_email FROM "
                    + db.dialect().originalTable("commit_authors"))) {
      while (rs.next()) {
        emails.add(rs.getString(1));
      }
    }
    return emails;
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void authorEmailOfARolledBackTransaction_isStoredByTheNextOne(SqlDialect dialect)
      throws Exception {
    GitRepo repo = JdbcCommitSinkTest.richRepository(tmp.resolve("rich.git"));
    try (PizzaOven oven = oven();
        PizzaDatabase db = Databases.open(dialect, tmp)) {
      Recorded rec = recorded(dialect, repo, oven);
      BakeResult r = rec.result();
      List<CommitRecord> all = rec.delivered();
      JdbcCommitSink sink = db.sink();

      sink.begin(r.repository(), r.newCheckpoint());
      sink.accept(r.repository(), all);
      sink.abort(r.repository(), new IllegalStateException("rolled back on purpose"));
      // The same bake goes on (no begin): a new transaction, which must store the emails again.
      sink.accept(r.repository(), all);
      sink.saveCheckpoint(r.repository(), r.newCheckpoint());

      Set<String> expected =
          all.stream().map(c -> c.author().email()).collect(Collectors.toCollection(TreeSet::new));
      assertThat(authorEmails(db)).isEqualTo(expected);
      assertThat(db.queries().commits(r.repository().key())).hasSize(all.size());
    }
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void commitsOfAnotherWriterBetweenTransactions_keepTheirRowsBeside(SqlDialect dialect)
      throws Exception {
    GitRepo a = JdbcCommitSinkTest.richRepository(tmp.resolve("a.git"));
    GitRepo b = JdbcCommitSinkTest.richRepository(tmp.resolve("b.git"));
    b.branch("more", b.chain(null, 7, T0, "b"));
    String url = Databases.freshUrl(dialect, tmp);
    try (PizzaOven oven = oven();
        PizzaDatabase first = PizzaDatabase.open(url);
        PizzaDatabase second = PizzaDatabase.open(url)) {
      Recorded ta = recorded(dialect, a, oven);
      Recorded tb = recorded(dialect, b, oven);
      List<CommitRecord> as = ta.delivered();
      JdbcCommitSink sink = first.sink();

      sink.begin(ta.result().repository(), ta.result().newCheckpoint());
      sink.accept(ta.result().repository(), as.subList(0, 2));
      sink.saveCheckpoint(ta.result().repository(), ta.result().newCheckpoint());
      // Another writer (another pool, as another process would be) stores its commits.
      JdbcCommitSink other = second.sink();
      other.begin(tb.result().repository(), tb.result().newCheckpoint());
      other.accept(tb.result().repository(), tb.delivered());
      other.saveCheckpoint(tb.result().repository(), tb.result().newCheckpoint());
      // The first bake goes on in a new transaction.
      sink.accept(ta.result().repository(), as.subList(2, as.size()));
      sink.saveCheckpoint(ta.result().repository(), ta.result().newCheckpoint());

      assertThat(first.queries().commits(ta.result().repository().key()))
          .containsExactlyInAnyOrderElementsOf(as);
      assertThat(first.queries().commits(tb.result().repository().key()))
          .containsExactlyInAnyOrderElementsOf(tb.delivered());
    }
  }
}
