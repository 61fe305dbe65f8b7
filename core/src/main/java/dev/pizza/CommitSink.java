package dev.pizza;

import dev.pizza.errors.SinkException;
import java.util.List;

/**
 * The host's persistence: where a bake delivers commit records and its checkpoints.
 *
 * <h2>One bake, in order</h2>
 *
 * <ol>
 *   <li>{@link #checkpoint} is asked for the checkpoint the sink last saved ({@link
 *       Checkpoint#empty()} for a repository it has never seen). Its {@link Checkpoint#commits()}
 *       are the old tips.
 *   <li>{@link #begin} opens the bake.
 *   <li>When history was rewritten (a force-push moved a branch or tag, or a ref was deleted):
 *       {@link #retract} receives, in batches, exactly the commits reachable from the old tips and
 *       no longer reachable from any current tip.
 *   <li>When the old tips no longer exist in the repository (they were rewritten away and the
 *       repository's copy was cloned again: the store evicted or invalidated its mirror after a
 *       force-push, and a server sends only what is reachable now), the oven cannot tell which of
 *       them are gone: {@link #resync} is called instead of {@link #retract}, and every reachable
 *       commit is then delivered; the sink should drop what it stored for the repository and is not
 *       re-delivered.
 *   <li>{@link #accept} receives, in batches, every commit reachable from the new tips and not from
 *       the old ones, each once, in the order the source names ({@link
 *       dev.pizza.spi.CommitSource#order()}).
 *   <li>{@link #saveCheckpoint} receives intermediate checkpoints along the way (below), then the
 *       new tips as a complete checkpoint. Only after that call returns is the bake done.
 * </ol>
 *
 * <p>If the bake fails or a method throws, {@link #abort} is called; the next bake starts from the
 * last checkpoint saved.
 *
 * <h2>Intermediate checkpoints</h2>
 *
 * <p>Unless the oven was built with {@link PizzaOven.Builder#noIntermediateCheckpoints()} (or the
 * source cannot repeat its order), a bake calls {@link #saveCheckpoint} several times: once after
 * the retractions, when there were any and new commits follow, and after every batch that completes
 * an interval of {@link PizzaOven.Builder#intermediateCheckpoints}, each time with an {@linkplain
 * Checkpoint#isComplete() incomplete} checkpoint; the last call carries the complete one. An
 * intermediate checkpoint means: the sink's set, after everything this bake sent before the call
 * (retractions, resync, batches), is exactly the commits reachable from both its {@link
 * Checkpoint#tips()} and its {@link Checkpoint#target()}, plus the first {@link
 * Checkpoint#delivered()} commits of the range from the tips to the target, in the source's order.
 * A bake that starts from it walks that range again, skips those commits and delivers the rest
 * (then goes on to the repository's current tips), so it delivers only what is still missing; a
 * bake interrupted between its retractions and its deliveries neither retracts again nor misses a
 * retraction. A sink must persist the whole checkpoint (tips, target, count and order) and return
 * it from {@link #checkpoint}; the bake stays open across the calls: {@link #accept} and {@link
 * #saveCheckpoint} follow until the complete checkpoint or {@link #abort}.
 *
 * <h2>Delivery guarantee</h2>
 *
 * <p><b>At least once</b>: a commit may be delivered again after a failed bake, at most what was
 * sent after the last checkpoint saved. The idempotence key is ({@link RepositoryId#key()}, {@link
 * CommitRecord#id()}): store records so that a second delivery of the same key changes nothing (for
 * example {@code INSERT ... ON CONFLICT DO NOTHING}).
 *
 * <p><b>Exactly once</b>: a sink that makes each {@link #saveCheckpoint} call one transaction sees
 * each commit exactly once over any sequence of bakes, interrupted or not. Open a transaction in
 * {@link #begin}; write what {@link #retract}, {@link #resync} and {@link #accept} send into it; in
 * {@link #saveCheckpoint} write the checkpoint (replacing the previous one) and commit, then open
 * the next transaction for what follows; in {@link #abort} roll back the open one. What a crash
 * loses is then exactly what the next bake sends again: the records since the last checkpoint. For
 * a JDBC sink:
 *
 * <pre>{@code
 * begin:          tx = connection (autocommit off)
 * retract/accept: DELETE / INSERT ... ON CONFLICT DO NOTHING in tx
 * saveCheckpoint: DELETE FROM checkpoints WHERE repo = ?;
 *                 INSERT tips, target, delivered, order;
 *                 COMMIT        -- the batches and their checkpoint together, or neither
 *                 then keep the connection for what follows in this bake
 * abort:          ROLLBACK      -- back to the last saved checkpoint
 * }</pre>
 *
 * <p>Methods are called from the baking thread, one bake of a repository at a time per oven; a sink
 * shared by concurrent bakes of different repositories (such as those of {@link PizzaOven#bakeAll})
 * must be thread safe. Any exception a method throws fails the bake with a {@link SinkException}.
 */
public interface CommitSink {

  /** Returns the checkpoint last saved for {@code repository}, or {@link Checkpoint#empty()}. */
  Checkpoint checkpoint(RepositoryId repository) throws Exception;

  /** Opens a bake of {@code repository} that starts from {@code from}. The default does nothing. */
  default void begin(RepositoryId repository, Checkpoint from) throws Exception {}

  /**
   * Receives commits no longer reachable from any tip because history was rewritten. The default
   * ignores them; override it to keep the sink's set equal to the reachable set.
   */
  default void retract(RepositoryId repository, List<CommitId> commits) throws Exception {}

  /**
   * Says the sink's checkpoint could not be matched against the repository (its commits are gone),
   * so every reachable commit follows in {@link #accept}. The default does nothing, which keeps
   * at-least-once delivery; override it to drop commits that are not delivered again.
   */
  default void resync(RepositoryId repository) throws Exception {}

  /**
   * Receives a batch of new commit records, in the source's order. The list is immutable. A record
   * may come before its parents.
   */
  void accept(RepositoryId repository, List<CommitRecord> commits) throws Exception;

  /**
   * Records that the sink's set is what {@code checkpoint} describes: when it is {@linkplain
   * Checkpoint#isComplete() intermediate} (more calls follow in this bake), the commits reachable
   * from both its tips and its target plus the first {@link Checkpoint#delivered()} of the range
   * between them; when it is complete (the bake is done), the commits reachable from its tips. Must
   * make what was sent since the previous call durable together with the checkpoint, for
   * exactly-once delivery.
   */
  void saveCheckpoint(RepositoryId repository, Checkpoint checkpoint) throws Exception;

  /** Says the bake failed after {@link #begin}; the default does nothing. Must not throw. */
  default void abort(RepositoryId repository, Throwable cause) {}
}
