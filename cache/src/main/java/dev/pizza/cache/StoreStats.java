package dev.pizza.cache;

/**
 * Counters of a {@link RepoStore} since it was opened, and its current size.
 *
 * @param entries entries on disk
 * @param bytes their measured size in all
 * @param hits acquires that found the entry
 * @param misses acquires that had to load it
 * @param evictions entries evicted to meet a budget
 * @param clones loads that succeeded
 * @param fetches fetches recorded by lease holders
 * @param failures loads that failed
 */
public record StoreStats(
    long entries,
    long bytes,
    long hits,
    long misses,
    long evictions,
    long clones,
    long fetches,
    long failures) {}
