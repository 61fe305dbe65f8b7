package dev.pizza.examples;

import dev.pizza.RepositoryId;
import dev.pizza.RepositoryUrl;
import dev.pizza.cache.DiskRepoStore;
import dev.pizza.errors.InvalidRepositoryUrlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The repository store's settings from the command line, and optionally a config file.
 *
 * <p>Options ({@code --name value} or {@code --name=value}), consumed from the argument list:
 *
 * <ul>
 *   <li>{@code --cache-dir DIR}: the store's root; default {@code ${user.home}/.cache/pizza}
 *   <li>{@code --max-size SIZE}: the most bytes the repositories may take; default no limit
 *   <li>{@code --min-free SIZE}: the free space the file system must keep; default none
 *   <li>{@code --pin URL}: a repository never evicted; repeatable
 *   <li>{@code --store-config FILE}: a config file, below
 * </ul>
 *
 * <p>A SIZE is a whole number of bytes with an optional binary unit: {@code 1048576}, {@code 512K},
 * {@code 500M}, {@code 20G}, {@code 1T} ({@code KB}, {@code MiB} and so on also accepted).
 *
 * <p>The config file is a small subset of YAML, in the spirit of the original service's {@code
 * never-evict-repos}: nested {@code key: value} maps by indentation, {@code - item} lists, {@code
 * #} comments, optionally quoted scalars. Keys live under {@code cache:} (or {@code config:
 * cache:}); {@code neverEvict} is accepted for {@code never-evict}; a relative {@code dir} is
 * resolved against the file's directory; unknown keys are refused.
 *
 * <pre>
 * cache:
 *   dir: /var/cache/pizza
 *   max-size: 20G
 *   min-free: 5G
 *   never-evict:
 *     - https://github.com/open-sauced/insights
 *     - https://github.com/open-sauced/pizza
 * </pre>
 *
 * <p>Flags override the file's values; pins from both are kept. Immutable.
 */
@NullMarked
public final class StoreSettings {
  private static final Pattern SIZE =
      Pattern.compile("([0-9]+)\\s*(?:([KMGT])(?:I?B)?|B)?", Pattern.CASE_INSENSITIVE);
  private static final Set<String> OPTIONS =
      Set.of("--cache-dir", "--max-size", "--min-free", "--pin", "--store-config");

  private final Path cacheDir;
  private final OptionalLong maxBytes;
  private final OptionalLong minFreeBytes;
  private final List<RepositoryId> pinned;
  private final List<String> remaining;

  private StoreSettings(
      Path cacheDir,
      OptionalLong maxBytes,
      OptionalLong minFreeBytes,
      List<RepositoryId> pinned,
      List<String> remaining) {
    this.cacheDir = cacheDir;
    this.maxBytes = maxBytes;
    this.minFreeBytes = minFreeBytes;
    this.pinned = List.copyOf(pinned);
    this.remaining = List.copyOf(remaining);
  }

  /**
   * Consumes the store options from {@code args}.
   *
   * @return the settings, with the arguments it did not consume in {@link #remaining()}
   * @throws IllegalArgumentException naming the option and the bad value: a missing value, a bad
   *     size, an invalid URL, an unreadable or malformed config file
   */
  public static StoreSettings parse(List<String> args) {
    Map<String, String> flags = new LinkedHashMap<>();
    List<String> pins = new ArrayList<>();
    List<String> remaining = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      String name = eq > 0 ? arg.substring(0, eq) : arg;
      if (!OPTIONS.contains(name)) {
        remaining.add(arg);
        continue;
      }
      String value;
      if (eq > 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " needs a value, got an empty one");
      }
      if (name.equals("--pin")) {
        pins.add(value);
      } else {
        flags.put(name, value);
      }
    }
    Map<String, Object> file = Map.of();
    Path configDir = Path.of("");
    String config = flags.get("--store-config");
    if (config != null) {
      Path configFile = path("--store-config", config);
      file = readConfig(configFile);
      Path parent = configFile.toAbsolutePath().getParent();
      configDir = parent == null ? configDir : parent;
    }
    Path dir;
    String dirFlag = flags.get("--cache-dir");
    Object dirFile = file.get("dir");
    if (dirFlag != null) {
      dir = path("--cache-dir", dirFlag);
    } else if (dirFile != null) {
      dir = configDir.resolve(path("dir in " + config, (String) dirFile));
    } else {
      dir = Path.of(System.getProperty("user.home"), ".cache", "pizza");
    }
    OptionalLong max =
        size("--max-size", flags.get("--max-size"), "max-size", file.get("max-size"));
    OptionalLong min =
        size("--min-free", flags.get("--min-free"), "min-free", file.get("min-free"));
    Set<RepositoryId> ids = new LinkedHashSet<>();
    Object fileList = file.get("never-evict");
    if (fileList instanceof List<?> urls) {
      for (Object url : urls) {
        ids.add(id("never-evict in " + config, String.valueOf(url)));
      }
    }
    for (String url : pins) {
      ids.add(id("--pin", url));
    }
    return new StoreSettings(dir, max, min, new ArrayList<>(ids), remaining);
  }

  /** Returns the arguments {@link #parse} did not consume, in order. */
  public List<String> remaining() {
    return remaining;
  }

  /** Returns a new store builder configured with these settings. */
  public DiskRepoStore.Builder builder() {
    DiskRepoStore.Builder b = DiskRepoStore.builder().root(cacheDir).pinned(pinned);
    maxBytes.ifPresent(b::maxBytes);
    minFreeBytes.ifPresent(b::minFreeBytes);
    return b;
  }

  /** Returns the store's root directory. */
  public Path cacheDir() {
    return cacheDir;
  }

  /** Returns the byte budget, if any. */
  public OptionalLong maxBytes() {
    return maxBytes;
  }

  /** Returns the free-space floor, if any. */
  public OptionalLong minFreeBytes() {
    return minFreeBytes;
  }

  /** Returns the pinned repositories: the config file's, then the flags'. */
  public List<RepositoryId> pinned() {
    return pinned;
  }

  /**
   * Parses a SIZE: a whole number of bytes with an optional binary unit K, M, G or T.
   *
   * @throws IllegalArgumentException if it is not one, or does not fit in a long
   */
  public static long parseSize(String text) {
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

  private static OptionalLong size(
      String flag, @Nullable String flagValue, String key, @Nullable Object fileValue) {
    String text = flagValue != null ? flagValue : (String) fileValue;
    String source = flagValue != null ? flag : key + " in the store config";
    if (text == null) {
      return OptionalLong.empty();
    }
    long bytes;
    try {
      bytes = parseSize(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    if (flag.equals("--max-size") && bytes <= 0) {
      throw new IllegalArgumentException(source + ": must be more than 0, got '" + text + "'");
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

  private static RepositoryId id(String source, String url) {
    try {
      return RepositoryUrl.parse(url).id();
    } catch (InvalidRepositoryUrlException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the config file into {@code dir}, {@code max-size}, {@code min-free}, {@code
   * never-evict}.
   */
  private static Map<String, Object> readConfig(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException("--store-config: cannot read " + file + ": " + e, e);
    }
    Map<String, Object> tree = MiniYaml.parse(lines, file.toString());
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : tree.entrySet()) {
      String key = e.getKey();
      String local =
          key.startsWith("config.cache.")
              ? key.substring("config.cache.".length())
              : key.startsWith("cache.") ? key.substring("cache.".length()) : key;
      if (local.equals("neverEvict") || local.equals("never-evict-repos")) {
        local = "never-evict";
      }
      boolean list = local.equals("never-evict");
      if (!Set.of("dir", "max-size", "min-free", "never-evict").contains(local)
          || list != (e.getValue() instanceof List)) {
        throw new IllegalArgumentException(
            "--store-config "
                + file
                + ": unknown or malformed key '"
                + key
                + "' (expected cache: dir, max-size, min-free, never-evict: - URL)");
      }
      out.put(local, e.getValue());
    }
    return out;
  }

  /** The YAML subset of the config file, flattened to dotted keys. */
  private static final class MiniYaml {
    private MiniYaml() {}

    static Map<String, Object> parse(List<String> lines, String name) {
      Map<String, Object> out = new LinkedHashMap<>();
      List<Integer> indents = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      @Nullable List<String> list = null;
      int listIndent = -1;
      for (int n = 0; n < lines.size(); n++) {
        String raw = stripComment(lines.get(n));
        if (raw.isBlank()) {
          continue;
        }
        if (raw.indexOf('\t') >= 0) {
          throw bad(name, n, "tabs are not allowed for indentation");
        }
        int indent = raw.length() - raw.stripLeading().length();
        String text = raw.strip();
        if (text.startsWith("- ") || text.equals("-")) {
          if (list == null || indent < listIndent) {
            throw bad(name, n, "a list item must follow a 'key:' line, indented under it");
          }
          list.add(unquote(text.substring(1).strip()));
          continue;
        }
        list = null;
        int colon = text.indexOf(':');
        if (colon <= 0 || (colon + 1 < text.length() && text.charAt(colon + 1) != ' ')) {
          throw bad(name, n, "expected 'key: value', 'key:' or '- item'");
        }
        while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
          indents.remove(indents.size() - 1);
          keys.remove(keys.size() - 1);
        }
        String key = text.substring(0, colon).strip();
        String value = text.substring(colon + 1).strip();
        String path = keys.isEmpty() ? key : String.join(".", keys) + "." + key;
        if (out.containsKey(path)) {
          throw bad(name, n, "key '" + path + "' appears twice");
        }
        if (value.isEmpty()) {
          indents.add(indent);
          keys.add(key);
          List<String> items = new ArrayList<>();
          list = items;
          listIndent = indent;
          out.put(path, items);
        } else {
          out.put(path, unquote(value));
        }
      }
      // A 'key:' that turned out to be a map, not a list, is not a value of its own.
      out.entrySet()
          .removeIf(
              e ->
                  e.getValue() instanceof List<?> l
                      && l.isEmpty()
                      && out.keySet().stream().anyMatch(k -> k.startsWith(e.getKey() + ".")));
      return out;
    }

    private static String stripComment(String line) {
      if (line.strip().startsWith("#")) {
        return "";
      }
      int hash = line.indexOf(" #");
      return hash >= 0 ? line.substring(0, hash) : line;
    }

    private static String unquote(String s) {
      if (s.length() >= 2
          && ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("'") && s.endsWith("'")))) {
        return s.substring(1, s.length() - 1);
      }
      return s;
    }

    private static IllegalArgumentException bad(String name, int line, String why) {
      return new IllegalArgumentException(
          "--store-config " + name + " line " + (line + 1) + ": " + why);
    }
  }

  @Override
  public String toString() {
    return "StoreSettings[dir="
        + cacheDir
        + ", maxBytes="
        + maxBytes
        + ", minFreeBytes="
        + minFreeBytes
        + ", pinned="
        + pinned.size()
        + "]";
  }
}
