package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The service clones whatever its callers name: without a free-space floor, a list of large
 * repositories filled the cache's file system. {@code serve} keeps {@link
 * ServeCommand#DEFAULT_MIN_FREE} unless a flag or the store config file sets another floor.
 */
class ServeStoreSettingsTest {
  @TempDir Path tmp;

  private static StoreSettings serve(String... args) {
    return CommandLine.populateCommand(new ServeCommand(), args)
        .storeSettings(StoreSettingsTest.DEFAULT);
  }

  @Test
  void serveWithoutMinFree_keepsTheDefaultFloor_notAnUnboundedDisk() {
    assertThat(serve().minFreeBytes()).hasValue(ServeCommand.DEFAULT_MIN_FREE);
  }

  @Test
  void serveWithMinFreeFlag_keepsTheFlagsFloor_zeroRemovingIt() {
    assertThat(serve("--min-free", "5G").minFreeBytes()).hasValue(5L << 30);
    assertThat(serve("--min-free", "0").minFreeBytes()).hasValue(0L);
  }

  @Test
  void serveWithMinFreeInConfigFile_keepsTheFilesFloor() throws Exception {
    Path config = tmp.resolve("store.yaml");
    Files.writeString(config, "cache:\n  min-free: \"2G\"\n");
    assertThat(serve("--store-config", config.toString()).minFreeBytes()).hasValue(2L << 30);
  }

  @Test
  void bakeWithoutMinFree_keepsNoFloor_asBefore() {
    assertThat(StoreSettingsTest.parse().minFreeBytes()).isEmpty();
  }
}
