package dev.pizza;

import dev.pizza.spi.Acquisition;
import java.time.Duration;

/**
 * What one bake did. Immutable.
 *
 * @param repository the repository baked
 * @param acquisition whether it was cloned, fetched or read in place
 * @param newCommits how many commit records this bake delivered to the sink
 * @param alreadyDelivered how many new commits earlier, interrupted bakes had delivered toward this
 *     one: the count of the intermediate checkpoint it resumed from ({@link
 *     Checkpoint#delivered()}), 0 when it started from a complete checkpoint, resynced, or could
 *     not resume by count (the source's order changed, or the checkpoint's old tips are gone) and
 *     delivered the unfinished range again. A report reads "resumed: {@code alreadyDelivered} of
 *     {@code alreadyDelivered + newCommits} already delivered"
 * @param retractedCommits how many commits were retracted because history was rewritten
 * @param resynced whether the old checkpoint could not be matched and every commit was delivered
 * @param oldCheckpoint the checkpoint the bake started from
 * @param newCheckpoint the checkpoint the bake saved
 * @param timings time spent per phase
 */
public record BakeResult(
    RepositoryId repository,
    Acquisition acquisition,
    long newCommits,
    long alreadyDelivered,
    long retractedCommits,
    boolean resynced,
    Checkpoint oldCheckpoint,
    Checkpoint newCheckpoint,
    Timings timings) {

  /** A result of a bake that resumed nothing ({@code alreadyDelivered} 0). */
  public BakeResult(
      RepositoryId repository,
      Acquisition acquisition,
      long newCommits,
      long retractedCommits,
      boolean resynced,
      Checkpoint oldCheckpoint,
      Checkpoint newCheckpoint,
      Timings timings) {
    this(
        repository,
        acquisition,
        newCommits,
        0,
        retractedCommits,
        resynced,
        oldCheckpoint,
        newCheckpoint,
        timings);
  }

  /** Returns whether this bake started from an intermediate checkpoint and finished its work. */
  public boolean resumed() {
    return !oldCheckpoint.isComplete() && !resynced;
  }

  /**
   * Time spent per phase of a bake.
   *
   * @param acquire cloning or fetching the repository and reading its refs
   * @param walk reading commits (excluding time inside the sink)
   * @param sink inside the sink's methods
   * @param total the whole bake
   */
  public record Timings(Duration acquire, Duration walk, Duration sink, Duration total) {}
}
