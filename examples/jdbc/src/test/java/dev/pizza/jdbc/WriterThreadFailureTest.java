package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pizza.BakeResult;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.PizzaOven;
import dev.pizza.ProgressListener;
import dev.pizza.RepositoryId;
import dev.pizza.RepositoryUrl;
import dev.pizza.errors.BakeCancelledException;
import dev.pizza.errors.SinkException;
import dev.pizza.jgit.JGitBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A statement that fails on the bake's writer thread (a record the database refuses, for real: a
 * constraint added for the test) fails the bake from the baking thread, leaves the database at the
 * last checkpoint and leaves no writer thread behind.
 */
class WriterThreadFailureTest {
  private static final long T0 = 1_700_000_000L;

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void insertRefusedOnTheWriterThread_failsTheBake_keepsTheLastCheckpoint_leavesNoThread(
      SqlDialect dialect) throws Exception {
    GitRepo repo = GitRepo.init(tmp.resolve("refused.git"));
    String tip = repo.chain(null, 7, T0, "first");
    repo.branch("main", tip);
    try (PizzaDatabase db = Databases.open(dialect, tmp);
        PizzaOven oven =
            PizzaOven.builder()
                .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
                .allowLocalRepositories(true)
                .batchSize(3)
                .build()) {
      BakeResult first = oven.bake(repo.url(), db.sink());
      String key = first.repository().key();
      Set<CommitId> stored = ids(db, key);
      String poison = repo.commit("Dev <dev@example.com>", T0 + 99_000, "+0000", "poison\n", tip);
      repo.branch("main", repo.chain(poison, 8, T0 + 100_000, "after"));
      refuseSubject(db, "poison");

      Throwable failure = catchThrowable(() -> oven.bake(repo.url(), db.sink()));

      assertThat(failure).isInstanceOf(SinkException.class);
      assertThat(failure)
          .extracting(f -> rootSql(f), InstanceOfAssertFactories.THROWABLE)
          .isNotNull()
          .hasMessageContaining("poison");
      assertThat(db.queries().checkpoint(key)).isEqualTo(first.newCheckpoint());
      assertThat(ids(db, key)).isEqualTo(stored).hasSize(7);
      BakeRecord last = db.queries().repository(key).orElseThrow().lastBake().orElseThrow();
      assertThat(last.outcome()).isEqualTo(BakeRecord.Outcome.ABORTED);
      assertThat(Thread.getAllStackTraces().keySet())
          .extracting(Thread::getName)
          .noneMatch(n -> n.equals(WriteBehind.THREAD_NAME + " " + key));
    }
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void bakeCancelledWithBatchesQueued_storesNoneOfThem_andTheNextBakeStoresAll(SqlDialect dialect)
      throws Exception {
    GitRepo repo = GitRepo.init(tmp.resolve("cancelled.git"));
    repo.branch("main", repo.chain(null, 60, T0, "c"));
    ProgressListener cancelHalfWay =
        new ProgressListener() {
          private volatile boolean cancel;

          @Override
          public void walked(RepositoryId repository, long commits) {
            cancel |= commits >= 30;
          }

          @Override
          public boolean isCancelled() {
            return cancel;
          }
        };
    try (PizzaDatabase db = Databases.open(dialect, tmp);
        PizzaOven oven =
            PizzaOven.builder()
                .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
                .allowLocalRepositories(true)
                .batchSize(3)
                .noIntermediateCheckpoints()
                .build()) {
      RepositoryUrl url = RepositoryUrl.parse(repo.url());
      String key = url.id().key();

      Throwable cancelled = catchThrowable(() -> oven.bake(url, db.sink(), cancelHalfWay));

      assertThat(cancelled).isInstanceOf(BakeCancelledException.class);
      assertThat(ids(db, key)).as("stored after the cancelled bake").isEmpty();
      assertThat(Thread.getAllStackTraces().keySet())
          .extracting(Thread::getName)
          .noneMatch(n -> n.equals(WriteBehind.THREAD_NAME + " " + key));
      BakeResult next = oven.bake(url, db.sink());
      assertThat(next.newCommits()).isEqualTo(60);
      assertThat(ids(db, key)).hasSize(60);
    }
  }

  /** Makes the database refuse every commit whose subject is {@code subject}. */
  private static void refuseSubject(PizzaDatabase db, String subject) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      if (db.dialect() == SqlDialect.SQLITE) {
        s.execute(
            "CREATE TRIGGER refuse_"
                + subject
                + " BEFORE INSERT ON commits WHEN NEW.subject = '"
                + subject
                + "' BEGIN SELECT RAISE(ABORT, 'refused: "
                + subject
                + "'); END");
      } else {
        s.execute(
            "ALTER TABLE commits ADD CONSTRAINT refuse_"
                + subject
                + " CHECK (subject <> '"
                + subject
                + "')");
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }

  /** Returns the innermost {@link SQLException} in {@code t}'s causes, or null. */
  private static @Nullable SQLException rootSql(Throwable t) {
    @Nullable SQLException found = null;
    for (@Nullable Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException s) {
        found = s;
      }
    }
    return found;
  }

  private static Set<CommitId> ids(PizzaDatabase db, String key) throws Exception {
    return db.queries().commits(key).stream().map(CommitRecord::id).collect(Collectors.toSet());
  }
}
