package dev.pizza;

import java.time.Duration;

/**
 * When a bake saves an intermediate checkpoint: after the first batch that brings the commits
 * delivered since the last save to {@code commits} or more, or that ends {@code time} or more after
 * it. {@code commits} 0 means never by count, {@code time} zero never by time; both means never.
 */
record CheckpointPolicy(long commits, Duration time) {
  static final CheckpointPolicy DEFAULT = new CheckpointPolicy(10_000, Duration.ofSeconds(10));
  static final CheckpointPolicy NEVER = new CheckpointPolicy(0, Duration.ZERO);

  CheckpointPolicy {
    if (commits < 0 || time.isNegative()) {
      throw new IllegalArgumentException(
          "checkpoint intervals must not be negative, got " + commits + " commits and " + time);
    }
  }

  boolean enabled() {
    return commits > 0 || !time.isZero();
  }

  /** Returns whether a save is due, {@code since} commits and {@code nanos} after the last one. */
  boolean due(long since, long nanos) {
    return (commits > 0 && since >= commits) || (!time.isZero() && nanos >= time.toNanos());
  }
}
