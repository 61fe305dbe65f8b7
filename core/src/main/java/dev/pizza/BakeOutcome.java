package dev.pizza;

import dev.pizza.errors.PizzaException;

/**
 * The outcome of one repository of {@link PizzaOven#bakeAll}: it was baked, or it failed.
 *
 * <pre>{@code
 * for (BakeOutcome o : oven.bakeAll(urls, sink)) {
 *   if (o instanceof BakeOutcome.Baked b) {
 *     log.info("{}: {} new", b.url(), b.result().newCommits());
 *   } else if (o instanceof BakeOutcome.Failed f) {
 *     log.warn("{}: {}", f.url(), f.error().getMessage());
 *   }
 * }
 * }</pre>
 */
public sealed interface BakeOutcome permits BakeOutcome.Baked, BakeOutcome.Failed {

  /** Returns the repository as given, normalized when it parsed, credentials always hidden. */
  String url();

  /**
   * The repository was baked.
   *
   * @param url the repository, without credentials
   * @param result what the bake did
   */
  record Baked(String url, BakeResult result) implements BakeOutcome {}

  /**
   * The repository could not be baked; its checkpoint was not advanced.
   *
   * @param url the repository, without credentials
   * @param error why, as {@link PizzaOven#bake(String, CommitSink)} would have thrown it
   */
  record Failed(String url, PizzaException error) implements BakeOutcome {}
}
