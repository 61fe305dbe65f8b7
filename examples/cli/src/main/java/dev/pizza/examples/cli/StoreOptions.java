package dev.pizza.examples.cli;

import dev.pizza.RepositoryId;
import dev.pizza.RepositoryUrl;
import dev.pizza.errors.InvalidRepositoryUrlException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The repository store's options (a picocli mixin): {@code --cache-dir}, {@code --max-size}, {@code
 * --min-free}, {@code --pin} and {@code --store-config}. Flags override the config file's values;
 * pins from both are kept.
 */
final class StoreOptions {
  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description =
          "where repository mirrors are kept (default $XDG_CACHE_HOME/pizza or ~/.cache/pizza)")
  @Nullable Path cacheDir;

  @Option(
      names = "--max-size",
      paramLabel = "SIZE",
      converter = PositiveSize.class,
      description =
          "most bytes the mirrors may take (e.g. 500M, 20G); least recently used go first")
  @Nullable Long maxSize;

  @Option(
      names = "--min-free",
      paramLabel = "SIZE",
      converter = Size.class,
      description = "free space to keep on the cache's file system")
  @Nullable Long minFree;

  @Option(
      names = "--pin",
      paramLabel = "URL",
      converter = Pin.class,
      description = "never evict this repository (repeatable)")
  List<RepositoryId> pins = new ArrayList<>();

  @Option(
      names = "--store-config",
      paramLabel = "FILE",
      description = "a YAML file: cache: dir, max-size, min-free, never-evict: [URLs]")
  @Nullable Path storeConfig;

  /**
   * Returns the settings, reading the config file if one was named.
   *
   * @param defaultCacheDir the root when neither a flag nor the file names one
   * @throws IllegalArgumentException naming the option or file and the bad value
   */
  StoreSettings settings(Path defaultCacheDir) {
    StoreConfigFile.Cache file = StoreConfigFile.Cache.EMPTY;
    Path configDir = Path.of("");
    String source = "";
    if (storeConfig != null) {
      file = StoreConfigFile.read(storeConfig);
      Path parent = storeConfig.toAbsolutePath().getParent();
      configDir = parent == null ? configDir : parent;
      source = " in " + storeConfig;
    }
    Path dir = defaultCacheDir;
    if (cacheDir != null) {
      dir = cacheDir;
    } else if (file.dir() != null) {
      dir = configDir.resolve(path("dir" + source, file.dir()));
    }
    OptionalLong max = size(maxSize, file.maxSize(), "max-size" + source, true);
    OptionalLong min = size(minFree, file.minFree(), "min-free" + source, false);
    Set<RepositoryId> pinned = new LinkedHashSet<>();
    List<String> neverEvict = file.neverEvict();
    if (neverEvict != null) {
      for (String url : neverEvict) {
        try {
          pinned.add(RepositoryUrl.parse(url).id());
        } catch (InvalidRepositoryUrlException e) {
          throw new IllegalArgumentException("never-evict" + source + ": " + e.getMessage(), e);
        }
      }
    }
    pinned.addAll(pins);
    return new StoreSettings(dir, max, min, new ArrayList<>(pinned));
  }

  private static OptionalLong size(
      @Nullable Long flag, @Nullable String fileValue, String source, boolean positive) {
    if (flag != null) {
      return OptionalLong.of(flag);
    }
    if (fileValue == null) {
      return OptionalLong.empty();
    }
    long bytes;
    try {
      bytes = StoreSettings.parseSize(fileValue);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    if (positive && bytes <= 0) {
      throw new IllegalArgumentException(source + ": must be more than 0, got '" + fileValue + "'");
    }
    return OptionalLong.of(bytes);
  }

  private static Path path(String source, String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(source + ": '" + text + "' is not a valid path", e);
    }
  }

  /** Reads a SIZE. */
  static class Size implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return StoreSettings.parseSize(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }

  /** Reads a SIZE more than zero. */
  static final class PositiveSize extends Size {
    @Override
    public Long convert(String value) {
      Long bytes = super.convert(value);
      if (bytes <= 0) {
        throw new CommandLine.TypeConversionException("must be more than 0, got '" + value + "'");
      }
      return bytes;
    }
  }

  /** Reads a repository URL to pin. */
  static final class Pin implements CommandLine.ITypeConverter<RepositoryId> {
    @Override
    public RepositoryId convert(String value) {
      try {
        return RepositoryArgument.parse(value).id();
      } catch (InvalidRepositoryUrlException e) {
        throw new CommandLine.TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }
}
