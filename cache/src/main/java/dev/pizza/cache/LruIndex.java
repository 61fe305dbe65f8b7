package dev.pizza.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The entries on disk in strict least-recently-used order (by the sequence of their last use). Not
 * thread safe: the store guards it with its lock.
 *
 * <p>This is deliberately a plain insertion-ordered map rather than a Caffeine cache: the contract
 * is strict LRU by last release, with pinned and leased entries skipped, which W-TinyLFU does not
 * provide.
 */
final class LruIndex {
  private final LinkedHashMap<String, EntryState> byUse = new LinkedHashMap<>();
  private long bytes;

  /** Returns the entry for {@code key}, or null. */
  @Nullable EntryState get(String key) {
    return byUse.get(key);
  }

  /** Adds {@code entry} as the most recently used; its key must be absent. */
  void addNewest(EntryState entry) {
    if (byUse.putIfAbsent(entry.key(), entry) != null) {
      throw new IllegalStateException("entry already indexed: " + entry.key());
    }
    bytes += entry.bytes();
  }

  /** Records a use of {@code entry} with its new metadata: it becomes the most recently used. */
  void touch(EntryState entry, MetadataFile metadata) {
    byUse.remove(entry.key());
    bytes += metadata.bytes() - entry.bytes();
    entry.metadata = metadata;
    byUse.put(entry.key(), entry);
  }

  /** Removes {@code entry}. */
  void remove(EntryState entry) {
    if (byUse.remove(entry.key(), entry)) {
      bytes -= entry.bytes();
    }
  }

  /** Returns the least recently used entry that is neither pinned, leased nor doomed, or null. */
  @Nullable EntryState oldestEvictable(Set<String> pinned) {
    for (EntryState e : byUse.values()) {
      if (isEvictable(e, pinned)) {
        return e;
      }
    }
    return null;
  }

  /** Returns whether eviction may delete {@code e}: neither pinned, leased nor doomed. */
  static boolean isEvictable(EntryState e, Set<String> pinned) {
    return e.leases == 0 && !e.doomed && !pinned.contains(e.key());
  }

  /** Returns the entries, least recently used first. */
  List<EntryState> inOrder() {
    return new ArrayList<>(byUse.values());
  }

  /** Returns the sum of the entries' measured sizes. */
  long bytes() {
    return bytes;
  }

  /** Returns the number of entries. */
  int size() {
    return byUse.size();
  }
}
