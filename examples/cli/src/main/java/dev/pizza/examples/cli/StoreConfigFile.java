package dev.pizza.examples.cli;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The store config file ({@code --store-config FILE}), YAML read by Jackson, in the spirit of the
 * original service's {@code never-evict-repos}. Keys live under {@code cache:}, or under {@code
 * config: cache:} as the original service wrote them; {@code neverEvict} and {@code
 * never-evict-repos} are accepted for {@code never-evict}; unknown keys are refused.
 *
 * <pre>
 * cache:
 *   dir: /var/cache/pizza        # relative: against the file's directory
 *   max-size: 20G
 *   min-free: 5G
 *   never-evict:
 *     - https://github.com/open-sauced/insights
 * </pre>
 *
 * @param cache the settings
 * @param config the original service's wrapper around them
 */
record StoreConfigFile(@Nullable Cache cache, @Nullable Wrapper config) {
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  /**
   * The original service's {@code config:} section.
   *
   * @param cache the settings
   */
  record Wrapper(@Nullable Cache cache) {}

  /**
   * The store's settings as written in the file; sizes as text (see {@link
   * StoreSettings#parseSize}).
   *
   * @param dir the store's root
   * @param maxSize the byte budget
   * @param minFree the free-space floor
   * @param neverEvict the repositories never evicted
   */
  record Cache(
      @Nullable String dir,
      @JsonProperty("max-size") @Nullable String maxSize,
      @JsonProperty("min-free") @Nullable String minFree,
      @JsonProperty("never-evict") @JsonAlias({"neverEvict", "never-evict-repos"})
          @Nullable List<String> neverEvict) {

    static final Cache EMPTY = new Cache(null, null, null, null);
  }

  /**
   * Reads {@code file}'s settings (empty if it has none).
   *
   * @throws IllegalArgumentException naming the file, the line and the problem
   */
  static Cache read(Path file) {
    StoreConfigFile parsed;
    try {
      parsed = YAML.readValue(file.toFile(), StoreConfigFile.class);
    } catch (UnrecognizedPropertyException e) {
      // Records are read through their constructors, so the location is past the key: name it.
      String key =
          e.getPath().stream()
              .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
              .collect(Collectors.joining("."));
      throw problem(
          file,
          null,
          "unknown key '" + key + "' (expected cache: dir, max-size, min-free, never-evict: - URL)",
          e);
    } catch (JsonProcessingException e) {
      throw problem(file, e.getLocation(), e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("--store-config: cannot read " + file + ": " + e, e);
    }
    if (parsed == null) {
      return Cache.EMPTY;
    }
    Cache cache = parsed.cache();
    Wrapper wrapper = parsed.config();
    if (cache == null && wrapper != null) {
      cache = wrapper.cache();
    }
    return cache == null ? Cache.EMPTY : cache;
  }

  private static IllegalArgumentException problem(
      Path file, @Nullable JsonLocation where, String why, Exception cause) {
    String line = where == null || where.getLineNr() < 1 ? "" : " line " + where.getLineNr();
    return new IllegalArgumentException(
        "--store-config " + file + line + ": " + why.lines().findFirst().orElse(why), cause);
  }
}
