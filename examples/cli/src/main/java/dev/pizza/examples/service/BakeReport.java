package dev.pizza.examples.service;

/** How a queued bake ended, as the callers who waited for it are told. Immutable. */
sealed interface BakeReport {
  /** The repository's URL (without credentials). */
  String url();

  /** The repository's key. */
  String key();

  /**
   * The bake finished.
   *
   * @param newCommits commits delivered to the database
   * @param retractedCommits commits retracted because history was rewritten
   * @param resynced whether every commit was delivered again
   * @param totalCommits the commits the database holds for the repository after the bake
   * @param millis how long the bake took
   */
  record Baked(
      String url,
      String key,
      long newCommits,
      long retractedCommits,
      boolean resynced,
      long totalCommits,
      long millis)
      implements BakeReport {}

  /**
   * The bake failed.
   *
   * @param status the HTTP status that says it (400 refused URL, 502 the remote, 500 here)
   * @param kind a short name of the failure
   * @param message why, for the caller (no secret)
   */
  record Failed(String url, String key, int status, String kind, String message)
      implements BakeReport {}

  /** The service stopped before the bake could finish; it resumes when the service restarts. */
  record Postponed(String url, String key) implements BakeReport {}
}
