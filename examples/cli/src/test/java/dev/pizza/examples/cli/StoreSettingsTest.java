package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.RepositoryUrl;
import dev.pizza.cache.DiskRepoStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StoreSettingsTest {
  static final Path DEFAULT = Path.of("/default/cache/pizza");

  @TempDir Path tmp;

  private static String key(String url) throws Exception {
    return RepositoryUrl.parse(url).id().key();
  }

  /** Parses the store options as picocli does, and resolves them with {@link #DEFAULT}. */
  static StoreSettings parse(String... args) {
    return CommandLine.populateCommand(new StoreOptions(), args).settings(DEFAULT);
  }

  @Test
  void parse_noOptions_defaults() {
    StoreSettings s = parse();
    assertThat(s.cacheDir()).isEqualTo(DEFAULT);
    assertThat(s.maxBytes()).isEmpty();
    assertThat(s.minFreeBytes()).isEmpty();
    assertThat(s.pinned()).isEmpty();
  }

  @Test
  void parse_flags_consumedAndApplied() throws Exception {
    StoreSettings s =
        parse(
            "--cache-dir",
            tmp.toString(),
            "--max-size=500M",
            "--min-free",
            "5G",
            "--pin",
            "https://github.com/open-sauced/pizza",
            "--pin",
            "https://github.com/open-sauced/insights.git");
    assertThat(s.cacheDir()).isEqualTo(tmp);
    assertThat(s.maxBytes()).hasValue(500L << 20);
    assertThat(s.minFreeBytes()).hasValue(5L << 30);
    assertThat(s.pinned())
        .extracting(r -> r.key())
        .containsExactly(
            key("https://github.com/open-sauced/pizza"),
            key("https://github.com/open-sauced/insights"));
  }

  @Test
  void builder_settings_openStoreConfiguredByThem() throws Exception {
    StoreSettings s =
        parse(
            "--cache-dir",
            tmp.resolve("repos").toString(),
            "--max-size",
            "20G",
            "--pin",
            "https://github.com/open-sauced/pizza");
    try (DiskRepoStore store = s.builder().build()) {
      assertThat(store.root()).isEqualTo(tmp.resolve("repos").toAbsolutePath());
      assertThat(store.maxBytes()).hasValue(20L << 30);
      assertThat(store.pinnedKeys()).containsExactly(key("https://github.com/open-sauced/pizza"));
    }
  }

  @Test
  void parseSize_units_binary() {
    assertThat(StoreSettings.parseSize("1024")).isEqualTo(1024);
    assertThat(StoreSettings.parseSize("512k")).isEqualTo(512L << 10);
    assertThat(StoreSettings.parseSize("500MB")).isEqualTo(500L << 20);
    assertThat(StoreSettings.parseSize("20GiB")).isEqualTo(20L << 30);
    assertThat(StoreSettings.parseSize("2T")).isEqualTo(2L << 40);
  }

  @Test
  void parse_badSize_refusedNamingTheOption() {
    assertThatThrownBy(() -> parse("--max-size", "lots"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--max-size")
        .hasMessageContaining("lots");
    assertThatThrownBy(() -> parse("--min-free", "99999999999T"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("too large");
    assertThatThrownBy(() -> parse("--max-size", "0"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("more than 0");
  }

  @Test
  void parse_missingValue_refused() {
    assertThatThrownBy(() -> parse("--cache-dir"))
        .isInstanceOf(CommandLine.MissingParameterException.class)
        .hasMessageContaining("--cache-dir");
  }

  @Test
  void parse_badPinUrl_refusedNamingTheOption() {
    assertThatThrownBy(() -> parse("--pin", "ftp://example.com/x"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--pin")
        .hasMessageContaining("scheme 'ftp'");
  }

  @Test
  void parse_configFile_readsCacheSection() throws Exception {
    Path config = tmp.resolve("pizza.yaml");
    Files.writeString(
        config,
        """
        # store settings
        cache:
          dir: /var/cache/pizza
          max-size: 20G   # budget
          min-free: "5G"
          never-evict:
            - https://github.com/open-sauced/insights
            - 'https://github.com/open-sauced/pizza'
        """);
    StoreSettings s = parse("--store-config", config.toString());
    assertThat(s.cacheDir()).isEqualTo(Path.of("/var/cache/pizza"));
    assertThat(s.maxBytes()).hasValue(20L << 30);
    assertThat(s.minFreeBytes()).hasValue(5L << 30);
    assertThat(s.pinned())
        .extracting(r -> r.key())
        .containsExactly(
            key("https://github.com/open-sauced/insights"),
            key("https://github.com/open-sauced/pizza"));
  }

  @Test
  void parse_configFileOfOriginalService_neverEvictAccepted() throws Exception {
    Path config = tmp.resolve("orig.yaml");
    Files.writeString(
        config,
        """
        config:
            cache:
                neverEvict:
                    - https://github.com/open-sauced/pizza-cli
        """);
    StoreSettings s = parse("--store-config", config.toString());
    assertThat(s.pinned())
        .extracting(r -> r.key())
        .containsExactly(key("https://github.com/open-sauced/pizza-cli"));
  }

  @Test
  void parse_flagsAndConfig_flagsOverrideAndPinsUnite() throws Exception {
    Path config = tmp.resolve("pizza.yaml");
    Files.writeString(
        config,
        """
        cache:
          dir: store
          max-size: 20G
          never-evict:
            - https://github.com/open-sauced/insights
        """);
    StoreSettings s =
        parse(
            "--max-size",
            "1G",
            "--store-config",
            config.toString(),
            "--pin",
            "https://github.com/open-sauced/pizza");
    assertThat(s.maxBytes()).as("flag overrides file").hasValue(1L << 30);
    assertThat(s.cacheDir())
        .as("relative dir resolved against the file's directory")
        .isEqualTo(tmp.resolve("store"));
    assertThat(s.pinned()).hasSize(2);
  }

  @Test
  void parse_configUnknownKey_refused() throws Exception {
    Path config = tmp.resolve("pizza.yaml");
    Files.writeString(config, "cache:\n  max-sise: 20G\n");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> parse("--store-config", config.toString()))
        .withMessageContaining("'cache.max-sise'");
  }

  @Test
  void parse_configMalformedLine_refusedWithLineNumber() throws Exception {
    Path config = tmp.resolve("pizza.yaml");
    Files.writeString(config, "cache:\n  dir /x\n");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> parse("--store-config", config.toString()))
        .withMessageContaining("line 2");
  }

  @Test
  void parse_configMissing_refused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> parse("--store-config", tmp.resolve("nope").toString()))
        .withMessageContaining("cannot read");
  }
}
