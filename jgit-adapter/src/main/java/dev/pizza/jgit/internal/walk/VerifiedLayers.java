package dev.pizza.jgit.internal.walk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The generation-index layer files whose checksum has been verified, by path, size and modification
 * time: a layer never changes once renamed into place, so it is checked once per owner rather than
 * once per walk (which would cost a read of the whole index per incremental bake). A backend owns
 * one and hands it to every index it opens; at most 4096 names. Thread safe.
 */
public final class VerifiedLayers {
  private final Cache<String, Boolean> names = Caffeine.newBuilder().maximumSize(4096).build();

  boolean contains(String identity) {
    return names.getIfPresent(identity) != null;
  }

  void add(String identity) {
    names.put(identity, Boolean.TRUE);
  }
}
