package dev.pizza.jdbc;

import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.CommitSink;
import dev.pizza.RepositoryId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exactly-once {@link CommitSink} that stores every field of each record in PostgreSQL or
 * SQLite.
 *
 * <pre>{@code
 * try (PizzaDatabase db = PizzaDatabase.open("jdbc:sqlite:pizza.db");
 *     PizzaOven oven = PizzaOven.builder().backend(JGitBackend.builder().build()).build()) {
 *   oven.bake("https://github.com/open-sauced/pizza", db.sink());
 * }
 * }</pre>
 *
 * <p>What a bake does between {@link #begin} and {@link #saveCheckpoint} (records, retractions, a
 * resync, the checkpoint and the bake's history row) commits in one transaction on one connection;
 * {@link #abort} rolls it back, so the database holds the state of the last saved checkpoint and
 * never a part of a bake. {@code saveCheckpoint} may be called more than once in a bake: each call
 * commits what came since the previous one, and later calls open a new transaction. Records are
 * keyed by (repository, commit id), so a replay changes nothing.
 *
 * <p>The statements of {@link #accept}, {@link #retract} and {@link #resync} run in their order on
 * a writer thread of the bake (at most a few batches wait for it; the caller waits when they do),
 * so that the database works while the oven walks the next batch. {@link #saveCheckpoint} waits for
 * them before it writes the checkpoint and commits; {@link #abort} drops those still waiting. A
 * statement that fails makes the next call of the bake throw its exception. No writer thread
 * outlives the bake's last checkpoint or its abort. (After a SQLite commit of 10,000 commits or
 * more, a short-lived thread that writes nothing syncs the WAL to disk once, then ends.)
 *
 * <p>Thread safe: bakes of different repositories (as {@code PizzaOven.bakeAll} runs them) each
 * hold their own connection. On SQLite, one bake at a time writes; the others wait for it.
 *
 * <p>The schema must exist: {@link PizzaDatabase#open} or {@link PizzaDatabase#migrate} creates it.
 */
public final class JdbcCommitSink implements CommitSink {
  private static final Logger log = LoggerFactory.getLogger(JdbcCommitSink.class);
  private static final int MAX_ERROR = 4000;

  /**
   * The commits a SQLite transaction stores from which its commit is followed by a sync of the WAL
   * on a thread of its own ({@link SqliteWriteBack#syncSoon}): about 10 MB of WAL with line
   * statistics, whose sync the checkpoint would otherwise wait for.
   */
  static final long WRITE_BACK_COMMITS = 10_000;

  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final CommitWriter writer;
  private final WriteGate gate;
  private final ConcurrentMap<String, BakeState> bakes = new ConcurrentHashMap<>();

  private JdbcCommitSink(DataSource dataSource, SqlDialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.writer = CommitWriter.of(dialect);
    this.gate = WriteGate.of(dataSource, dialect);
  }

  /** Returns a sink writing through {@code dataSource}, whose dialect is read from the database. */
  public static JdbcCommitSink of(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return new JdbcCommitSink(dataSource, SqlDialect.of(c));
    }
  }

  /** Returns a sink writing through {@code dataSource} to a database of {@code dialect}. */
  public static JdbcCommitSink of(DataSource dataSource, SqlDialect dialect) {
    return new JdbcCommitSink(dataSource, dialect);
  }

  /** Returns the database this sink writes to. */
  public SqlDialect dialect() {
    return dialect;
  }

  @Override
  public Checkpoint checkpoint(RepositoryId repository) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return RepositoryRows.checkpoint(c, repository.key());
    }
  }

  @Override
  public void begin(RepositoryId repository, Checkpoint from) throws Exception {
    BakeState state = new BakeState(repository);
    BakeState previous = bakes.put(repository.key(), state);
    if (previous != null) {
      synchronized (previous) {
        stopWrites(previous);
        rollback(previous);
      }
    }
    synchronized (state) {
      open(state);
    }
  }

  @Override
  public void retract(RepositoryId repository, List<CommitId> commits) throws Exception {
    BakeState state = state(repository);
    List<CommitId> retracted = List.copyOf(commits);
    synchronized (state) {
      submit(
          state,
          () -> {
            writer.delete(open(state), state.repoId, retracted);
            state.retracted += retracted.size();
          });
    }
  }

  @Override
  public void resync(RepositoryId repository) throws Exception {
    BakeState state = state(repository);
    synchronized (state) {
      submit(
          state,
          () -> {
            writer.deleteAll(open(state), state.repoId);
            state.resynced = true;
          });
    }
  }

  @Override
  public void accept(RepositoryId repository, List<CommitRecord> commits) throws Exception {
    BakeState state = state(repository);
    // The oven hands over an immutable list (copyOf returns it as is); a host's list is copied.
    // What needs no connection is done here (on PostgreSQL, encoding the COPY rows), while the
    // writer thread, which sets the pace of a database bake, stores the previous batch; SQLite's
    // writer does everything on its thread.
    List<CommitRecord> records = List.copyOf(commits);
    CommitWriter.Batch batch = writer.prepare(records);
    synchronized (state) {
      submit(
          state,
          () -> {
            Connection c = open(state);
            writer.insert(c, state.repoId, batch, session(state));
            state.delivered += records.size();
          });
    }
  }

  @Override
  public void saveCheckpoint(RepositoryId repository, Checkpoint checkpoint) throws Exception {
    BakeState state = state(repository);
    synchronized (state) {
      finishWrites(state);
      Connection c = open(state);
      RepositoryRows.saveCheckpoint(c, state.repoId, checkpoint);
      RepositoryRows.recordBake(
          c, state.bakeId, state.repoId, record(state, BakeRecord.Outcome.OK, null), dialect);
      Path wal = walToSync(c, state);
      c.commit();
      if (wal != null) {
        SqliteWriteBack.syncSoon(wal);
      }
      state.saved();
      close(state);
    }
  }

  @Override
  public void abort(RepositoryId repository, Throwable cause) {
    BakeState state = bakes.get(repository.key());
    if (state == null) {
      return;
    }
    synchronized (state) {
      stopWrites(state);
      rollback(state);
      String error = String.valueOf(cause);
      if (error.length() > MAX_ERROR) {
        error = error.substring(0, MAX_ERROR);
      }
      try {
        Connection c = open(state);
        RepositoryRows.recordBake(
            c,
            state.bakeId,
            state.repoId,
            record(state, BakeRecord.Outcome.ABORTED, error),
            dialect);
        c.commit();
        close(state);
      } catch (Exception e) {
        log.warn("{}: cannot record the aborted bake", repository, e);
        rollback(state);
      }
    }
  }

  /**
   * Returns the WAL to sync once the bake's transaction commits: that of a SQLite database when the
   * transaction stores {@link #WRITE_BACK_COMMITS} or more commits, else null.
   */
  private @Nullable Path walToSync(Connection c, BakeState state) throws SQLException {
    if (dialect != SqlDialect.SQLITE
        || state.delivered - state.savedDelivered < WRITE_BACK_COMMITS) {
      return null;
    }
    Path file = SqliteWriteBack.databaseFile(c);
    return file == null ? null : SqliteWriteBack.wal(file);
  }

  private BakeState state(RepositoryId repository) {
    // A host that calls accept without begin gets a bake of its own.
    return bakes.computeIfAbsent(repository.key(), k -> new BakeState(repository));
  }

  /**
   * Queues {@code task} for the bake's writer thread, starting one if none runs; waits while its
   * queue is full, and throws the exception of a task that failed.
   */
  private static void submit(BakeState state, WriteBehind.Task task) throws Exception {
    WriteBehind w = state.writes;
    if (w == null) {
      w = WriteBehind.start(state.repository.key());
      state.writes = w;
    }
    w.submit(task);
  }

  /**
   * Waits until the bake's queued statements have run and ends its writer thread, so that the
   * calling thread may use the connection; throws the exception of a task that failed.
   */
  private static void finishWrites(BakeState state) throws Exception {
    WriteBehind w = state.writes;
    if (w == null) {
      return;
    }
    try {
      w.drain();
    } finally {
      stopWrites(state);
    }
  }

  /** Drops the bake's queued statements and ends its writer thread after the running one. */
  private static void stopWrites(BakeState state) {
    WriteBehind w = state.writes;
    if (w != null) {
      state.writes = null;
      w.close();
    }
  }

  private static BakeRecord record(
      BakeState state, BakeRecord.Outcome outcome, @Nullable String error) {
    return new BakeRecord(
        state.started,
        Instant.now(),
        outcome,
        outcome == BakeRecord.Outcome.OK ? state.delivered : state.savedDelivered,
        outcome == BakeRecord.Outcome.OK ? state.retracted : state.savedRetracted,
        outcome == BakeRecord.Outcome.OK ? state.resynced : state.savedResynced,
        Optional.ofNullable(error));
  }

  /** Returns the bake's open connection, opening a transaction first if none is. */
  private Connection open(BakeState state) throws SQLException, InterruptedException {
    Connection open = state.connection;
    if (open != null) {
      return open;
    }
    gate.enter();
    Connection c = null;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(false);
      // The first statement writes, so SQLite takes its write lock (or waits) right away.
      state.repoId = RepositoryRows.ensure(c, state.repository);
      state.session = writer.session(c, state.repoId);
      state.connection = c;
      return c;
    } catch (SQLException | RuntimeException e) {
      if (c != null) {
        quietly(c, true);
      }
      gate.leave();
      throw e;
    }
  }

  /** Returns the writer's session of the bake's open transaction (after {@link #open}). */
  private static CommitWriter.Session session(BakeState state) {
    CommitWriter.Session session = state.session;
    if (session == null) {
      throw new IllegalStateException("no transaction is open for " + state.repository);
    }
    return session;
  }

  /** Returns the connection of a committed transaction to the pool. */
  private void close(BakeState state) {
    Connection c = state.connection;
    if (c != null) {
      state.connection = null;
      endSession(state);
      quietly(c, false);
      gate.leave();
    }
  }

  /** Rolls back the bake's open transaction, if any, and returns its connection. */
  private void rollback(BakeState state) {
    Connection c = state.connection;
    if (c != null) {
      state.connection = null;
      state.rolledBack();
      endSession(state);
      quietly(c, true);
      gate.leave();
    }
  }

  /** Closes the writer's session of the transaction that ends (its statements). */
  private static void endSession(BakeState state) {
    CommitWriter.Session session = state.session;
    if (session != null) {
      state.session = null;
      try {
        session.close();
      } catch (SQLException e) {
        log.warn("closing the writer's statements failed", e);
      }
    }
  }

  private static void quietly(Connection c, boolean rollback) {
    try {
      if (rollback) {
        c.rollback();
      }
    } catch (SQLException e) {
      log.warn("rollback failed", e);
    }
    try {
      c.close();
    } catch (SQLException e) {
      log.warn("closing a connection failed", e);
    }
  }
}
