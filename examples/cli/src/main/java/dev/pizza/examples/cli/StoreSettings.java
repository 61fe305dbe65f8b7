package dev.pizza.examples.cli;

import dev.pizza.RepositoryId;
import dev.pizza.cache.DiskRepoStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository store's settings, as {@link StoreOptions} resolved them from the command line and
 * the store config file.
 *
 * @param cacheDir the store's root
 * @param maxBytes the most bytes the mirrors may take, if limited
 * @param minFreeBytes the free space the file system must keep, if any
 * @param pinned the repositories never evicted: the config file's, then the flags'
 */
record StoreSettings(
    Path cacheDir, OptionalLong maxBytes, OptionalLong minFreeBytes, List<RepositoryId> pinned) {
  private static final Pattern SIZE =
      Pattern.compile("([0-9]+)\\s*(?:([KMGT])(?:I?B)?|B)?", Pattern.CASE_INSENSITIVE);

  StoreSettings {
    pinned = List.copyOf(pinned);
  }

  /**
   * These settings, with {@code bytes} as the free space to keep when neither a flag nor the config
   * file set one.
   */
  StoreSettings withMinFreeDefault(long bytes) {
    return minFreeBytes.isPresent()
        ? this
        : new StoreSettings(cacheDir, maxBytes, OptionalLong.of(bytes), pinned);
  }

  /** Returns a new store builder configured with these settings. */
  DiskRepoStore.Builder builder() {
    DiskRepoStore.Builder b = DiskRepoStore.builder().root(cacheDir).pinned(pinned);
    maxBytes.ifPresent(b::maxBytes);
    minFreeBytes.ifPresent(b::minFreeBytes);
    return b;
  }

  /**
   * Parses a SIZE: a whole number of bytes with an optional binary unit K, M, G or T ({@code
   * 1048576}, {@code 512K}, {@code 500M}, {@code 20G}; {@code KB}, {@code MiB} and so on also
   * accepted).
   *
   * @throws IllegalArgumentException if it is not one, or does not fit in a long
   */
  static long parseSize(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a size: expected bytes with an optional unit K, M, G or T, e.g. 500M");
    }
    String unit = m.group(2);
    int shift =
        unit == null
            ? 0
            : switch (unit.toUpperCase(Locale.ROOT)) {
              case "K" -> 10;
              case "M" -> 20;
              case "G" -> 30;
              default -> 40;
            };
    try {
      long n = Long.parseLong(m.group(1));
      if (n > (Long.MAX_VALUE >> shift)) {
        throw new NumberFormatException();
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("size '" + text + "' is too large", e);
    }
  }
}
