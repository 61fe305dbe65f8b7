package dev.pizza.jdbc;

import java.util.Optional;

/**
 * A baked repository as {@code pizza repos} lists it.
 *
 * @param key the repository's key ({@link dev.pizza.RepositoryId#key()})
 * @param url the repository's URL, without credentials
 * @param commits how many commits are stored for it
 * @param lastBake its most recently started bake, if any was recorded
 */
public record RepositorySummary(
    String key, String url, long commits, Optional<BakeRecord> lastBake) {}
