package dev.pizza.examples.service;

import dev.pizza.RepositoryUrl;
import java.util.concurrent.CompletableFuture;

/**
 * One repository's pending bake in the {@link BakeQueue}: every request for the repository while it
 * is queued or baking shares it and its result.
 */
final class BakeJob {
  /** Where the job is. */
  enum State {
    QUEUED,
    BAKING
  }

  final RepositoryUrl url;
  final long acceptedAtMillis;
  final CompletableFuture<BakeReport> result = new CompletableFuture<>();
  volatile State state = State.QUEUED;

  BakeJob(RepositoryUrl url, long acceptedAtMillis) {
    this.url = url;
    this.acceptedAtMillis = acceptedAtMillis;
  }

  String key() {
    return url.id().key();
  }
}
