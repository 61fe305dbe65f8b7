package dev.pizza.cache;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of one entry of a {@link RepoStore}.
 *
 * @param key the repository key
 * @param url the repository URL, without credentials
 * @param directory the bare repository's directory
 * @param bytes the size on disk at the last measurement
 * @param lastUse when a lease on it was last released (or it was loaded)
 * @param pinned whether it is pinned
 * @param leases how many leases are open on it
 * @param attributes what the loader recorded
 */
public record EntrySnapshot(
    String key,
    String url,
    Path directory,
    long bytes,
    Instant lastUse,
    boolean pinned,
    int leases,
    Map<String, String> attributes) {}
