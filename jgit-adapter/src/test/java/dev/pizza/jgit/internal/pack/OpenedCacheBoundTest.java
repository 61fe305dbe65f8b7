package dev.pizza.jgit.internal.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache bound a source is opened with is the bound its cache keeps. */
class OpenedCacheBoundTest {
  @TempDir Path tmp;

  /** A bound lost on the way leaves every source at the default, 32 MiB. */
  @Test
  void sourceOpenedWithASmallBoundCachesUpToTheDefault() throws IOException {
    Path objects = Files.createDirectories(tmp.resolve("objects"));
    try (ObjectSource small = ObjectSources.open(objects, ObjectFormat.SHA1, 8L << 20);
        ObjectSource lookup = ObjectSources.open(objects, ObjectFormat.SHA1)) {
      assertThat(((MappedObjects) small).cacheBytes()).isEqualTo(8L << 20);
      assertThat(((MappedObjects) lookup).cacheBytes()).isEqualTo(MappedObjects.CACHE_BYTES);
    }
  }
}
