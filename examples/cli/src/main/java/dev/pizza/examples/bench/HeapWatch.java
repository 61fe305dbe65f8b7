package dev.pizza.examples.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Two views of a JVM's heap over its life.
 *
 * <ul>
 *   <li>{@link #peakUsed()}: the sum over heap pools of each pool's peak usage ({@link
 *       MemoryPoolMXBean#getPeakUsage()}). Pools peak at different moments, so this is an upper
 *       bound of the heap ever in use, garbage included: it grows with {@code -Xmx} because the
 *       collector lets garbage pile up when it may.
 *   <li>{@link #maxAfterGc()}: the largest heap occupancy seen right after a collection, from GC
 *       notifications: a lower bound of the peak live set (0 if no collection ran), much less
 *       sensitive to {@code -Xmx}.
 * </ul>
 */
final class HeapWatch {
  private final AtomicLong maxAfterGc = new AtomicLong();
  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());

  /** Starts listening to collections. */
  HeapWatch() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(
            (n, handback) -> {
              if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                  n.getType())) {
                onCollection(
                    GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()));
              }
            },
            null,
            null);
      }
    }
  }

  private void onCollection(GarbageCollectionNotificationInfo info) {
    long used = 0;
    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(e.getKey())) {
        used += e.getValue().getUsed();
      }
    }
    maxAfterGc.accumulateAndGet(used, Math::max);
  }

  /** Returns the sum of the heap pools' peak usages, in bytes. */
  static long peakUsed() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Returns the largest heap occupancy seen after a collection so far, in bytes. */
  long maxAfterGc() {
    return maxAfterGc.get();
  }

  /** Returns the number of collections and their total time in milliseconds. */
  static long[] collections() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new long[] {count, millis};
  }
}
