package dev.pizza.jgit.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitRecord;
import dev.pizza.jgit.internal.pack.MappedObjects;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSources;
import dev.pizza.spi.CommitStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each source of a line-stats diff is opened with the cache bound of its stage. */
class DiffReaderBoundsTest {
  @TempDir Path tmp;

  private static final CommitStream NONE =
      new CommitStream() {
        @Override
        public @Nullable CommitRecord next() {
          return null;
        }

        @Override
        public void close() {}
      };

  private List<Long> boundsAsked(boolean threaded) throws IOException {
    Path objects = Files.createDirectories(tmp.resolve("objects"));
    List<Long> asked = new ArrayList<>();
    ObjectSources.Opener opener =
        bytes -> {
          asked.add(bytes);
          return ObjectSources.open(objects, ObjectFormat.SHA1, bytes);
        };
    try (DiffingStream stream = new DiffingStream(NONE, opener, DiffOptions.DEFAULT, threaded)) {
      assertThat(stream.next()).isNull();
    }
    return asked;
  }

  /** The tree stage's source held up to 32 MiB, about 25 MB of peak RSS for nothing. */
  @Test
  void treeStageSourceWithTheBlobStagesBound() throws IOException {
    assertThat(boundsAsked(true))
        .containsExactly(DiffingStream.TREE_CACHE_BYTES, DiffingStream.BLOB_CACHE_BYTES);
    assertThat(DiffingStream.TREE_CACHE_BYTES).isEqualTo(8L << 20);
  }

  /**
   * Blobs through 8 MiB cost libgit2's blob stage 10.1-10.6 s of CPU against 6.1-6.4 s; without
   * workers the one source reads blobs too.
   */
  @Test
  void blobsReadThroughTheTreeStagesBound() throws IOException {
    assertThat(DiffingStream.BLOB_CACHE_BYTES).isEqualTo(MappedObjects.CACHE_BYTES);
    assertThat(boundsAsked(false)).containsExactly(DiffingStream.BLOB_CACHE_BYTES);
  }
}
