package dev.pizza;

import dev.pizza.errors.SinkException;
import java.util.List;

/**
 * The host's persistence: where a bake delivers commit records and its checkpoint.
 *
 * <h2>One bake, in order</h2>
 *
 * <ol>
 *   <li>{@link #checkpoint} is asked for the tips the sink has baked ({@link Checkpoint#empty()}
 *       for a repository it has never seen).
 *   <li>{@link #begin} opens the bake.
 *   <li>When history was rewritten (a force-push moved a branch or tag, or a ref was deleted):
 *       {@link #retract} receives, in batches, exactly the commits reachable from the old
 *       checkpoint and no longer reachable from any current tip.
 *   <li>When the old checkpoint's commits no longer exist in the repository (they were rewritten
 *       away and the repository's copy was cloned again: the store evicted or invalidated its
 *       mirror after a force-push, and a server sends only what is reachable now), the oven cannot
 *       tell which of them are gone: {@link #resync} is called instead of {@link #retract}, and
 *       every reachable commit is then delivered; the sink should drop what it stored for the
 *       repository and is not re-delivered.
 *   <li>{@link #accept} receives, in batches, every commit reachable from the new tips and not from
 *       the old ones, each once, in no particular order.
 *   <li>{@link #saveCheckpoint} receives the new tips. Only after it returns is the bake done.
 * </ol>
 *
 * <p>If the bake fails or a method throws, {@link #abort} is called and the checkpoint is not
 * saved; the next bake starts from the old checkpoint again.
 *
 * <h2>Delivery guarantee</h2>
 *
 * <p><b>At least once</b>: a commit may be delivered again after a failed bake. The idempotence key
 * is ({@link RepositoryId#key()}, {@link CommitRecord#id()}): store records so that a second
 * delivery of the same key changes nothing (for example {@code INSERT ... ON CONFLICT DO NOTHING}).
 * <b>Exactly once</b>: a sink that writes the records and the checkpoint in one transaction (open
 * it in {@link #begin}, commit it in {@link #saveCheckpoint}, roll it back in {@link #abort}) sees
 * each commit exactly once over any sequence of bakes.
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

  /** Receives a batch of new commit records. The list is immutable. */
  void accept(RepositoryId repository, List<CommitRecord> commits) throws Exception;

  /** Records that every commit reachable from {@code checkpoint} has been delivered. */
  void saveCheckpoint(RepositoryId repository, Checkpoint checkpoint) throws Exception;

  /** Says the bake failed after {@link #begin}; the default does nothing. Must not throw. */
  default void abort(RepositoryId repository, Throwable cause) {}
}
