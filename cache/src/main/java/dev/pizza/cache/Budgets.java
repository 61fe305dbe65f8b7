package dev.pizza.cache;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The store's two budgets against what it holds at one moment, and whether eviction can meet them.
 *
 * <p>Eviction deletes only entries that are neither pinned, leased nor invalidated ("evictable").
 * Deleting them all would leave {@code stored + loading - evictable} bytes counted against {@code
 * maxBytes} and make {@code free + evictable} bytes free: a budget that these do not meet is
 * <em>unreachable</em>, and evicting anything for it would destroy entries for nothing. So the
 * store evicts for a budget only while it is broken and reachable, and a load (which needs both)
 * evicts nothing unless both are reachable.
 *
 * @param stored the entries' recorded bytes
 * @param loading the bytes written so far by loads in progress (in {@code tmp/})
 * @param evictable the recorded bytes of the entries eviction may delete
 * @param kept how many entries are pinned, leased or invalidated
 * @param maxBytes the byte budget; {@link Long#MAX_VALUE} for none
 * @param free the free bytes of the file system now (0 when there is no floor: not read)
 * @param minFree the free-space floor; 0 for none
 */
record Budgets(
    long stored, long loading, long evictable, int kept, long maxBytes, long free, long minFree) {

  boolean maxHolds() {
    return maxBytes == Long.MAX_VALUE || stored + loading <= maxBytes;
  }

  boolean maxReachable() {
    return maxBytes == Long.MAX_VALUE || stored + loading - evictable <= maxBytes;
  }

  boolean minHolds() {
    return minFree == 0 || free >= minFree;
  }

  boolean minReachable() {
    return minFree == 0 || free + evictable >= minFree;
  }

  boolean hold() {
    return maxHolds() && minHolds();
  }

  /**
   * Returns whether evicting the oldest evictable entry serves a purpose: for a load ({@code
   * forLoad}), only if both budgets can then be met; otherwise, if a broken budget can be.
   */
  boolean worthEvicting(boolean forLoad) {
    if (forLoad) {
      return maxReachable() && minReachable();
    }
    return (!maxHolds() && maxReachable()) || (!minHolds() && minReachable());
  }

  /**
   * Says why the budgets do not hold and what to do, for a load that has written {@code incoming}
   * bytes (0 before it starts), in a store at {@code root}.
   */
  String explain(long incoming, Path root) {
    StringBuilder why = new StringBuilder();
    if (!maxReachable()) {
      if (incoming > maxBytes) {
        why.append("it needs ").append(size(incoming)).append(", more than the whole budget");
      } else {
        why.append("the byte budget max-bytes ")
            .append(size(maxBytes))
            .append(" cannot be met: ")
            .append(size(stored))
            .append(" stored");
        if (loading > 0) {
          why.append(" and ").append(size(loading)).append(" being loaded");
        }
        why.append(", and evicting every evictable entry frees only ").append(size(evictable));
        if (kept > 0) {
          why.append(" (").append(kept).append(" entries are pinned or leased)");
        }
      }
      why.append("; nothing was evicted for it. Raise max-bytes");
      why.append(kept > 0 ? ", unpin repositories or wait for leases to close" : "");
    }
    if (!minReachable()) {
      if (why.length() > 0) {
        why.append("; and ");
      }
      why.append("the free-space floor min-free-bytes ")
          .append(size(minFree))
          .append(" cannot be reached: the file system has ")
          .append(size(free))
          .append(" free, and evicting every evictable entry would free ")
          .append(size(evictable))
          .append(" more, ")
          .append(size(free + evictable))
          .append(" at most; nothing was evicted for it. Lower min-free-bytes or free space on")
          .append(" the file system holding ")
          .append(root);
    }
    if (why.length() == 0) {
      // Both reachable by the records, yet eviction did not make room: the disk freed less.
      why.append("evicting every evictable entry did not make room (")
          .append(size(stored))
          .append(" stored, ")
          .append(size(loading))
          .append(" being loaded, ")
          .append(size(free))
          .append(" free)");
    }
    return why.toString();
  }

  /** Returns e.g. {@code 536870912000 bytes (500.0 GiB)}: exact, and readable at a glance. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    String units = "KMGTPE";
    double v = bytes;
    int i = -1;
    while (v >= 1024 && i < units.length() - 1) {
      v /= 1024;
      i++;
    }
    return String.format(Locale.ROOT, "%d bytes (%.1f %siB)", bytes, v, units.charAt(i));
  }
}
