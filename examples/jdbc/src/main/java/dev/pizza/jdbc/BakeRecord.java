package dev.pizza.jdbc;

import java.time.Instant;
import java.util.Optional;

/**
 * One bake of a repository as the bake history holds it.
 *
 * <p>A bake that saves intermediate checkpoints is recorded {@link Outcome#OK} at each of them; if
 * it then fails, the row turns {@link Outcome#ABORTED} and its counts are those of the last saved
 * checkpoint.
 *
 * @param started when the bake began
 * @param finished when its last checkpoint was saved, or when it was aborted
 * @param outcome whether its (last) checkpoint was saved or the bake was aborted
 * @param newCommits commit records stored by the bake (replays included)
 * @param retractedCommits commits the bake deleted because history was rewritten
 * @param resynced whether the bake dropped the repository's commits and stored the reachable set
 * @param error why an aborted bake failed
 */
public record BakeRecord(
    Instant started,
    Instant finished,
    Outcome outcome,
    long newCommits,
    long retractedCommits,
    boolean resynced,
    Optional<String> error) {

  /** How a bake ended. */
  public enum Outcome {
    /** Its checkpoint was saved: everything it delivered is stored. */
    OK,
    /** It failed; what it delivered after its last saved checkpoint was rolled back. */
    ABORTED
  }
}
