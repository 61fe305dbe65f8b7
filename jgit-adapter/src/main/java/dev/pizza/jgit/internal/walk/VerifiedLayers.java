package dev.pizza.jgit.internal.walk;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generation-index layer files whose checksum has been verified, by path, size and modification
 * time: a layer never changes once renamed into place, so it is checked once per owner rather than
 * once per walk (which would cost a read of the whole index per incremental bake). A backend owns
 * one and hands it to every index it opens; at most 4096 names, the oldest dropped first. Thread
 * safe. (A plain map rather than a Caffeine cache: the first Caffeine cache of a JVM costs a short
 * bake more CPU than these names need; see {@code LocalRepositories}.)
 */
public final class VerifiedLayers {
  private static final int MAX_NAMES = 4096;

  private final Map<String, Boolean> names =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > MAX_NAMES;
        }
      };

  boolean contains(String identity) {
    synchronized (names) {
      return names.containsKey(identity);
    }
  }

  void add(String identity) {
    synchronized (names) {
      names.put(identity, Boolean.TRUE);
    }
  }
}
