package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.PizzaOven;
import dev.pizza.errors.LocalAccessDeniedException;
import dev.pizza.spi.Acquisition;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** file:// URLs and local paths read the local disk: refused unless the oven allows it. */
class LocalAccessTest {
  @TempDir Path tmp;

  private PizzaOven oven(boolean allowLocal) throws Exception {
    return PizzaOven.builder()
        .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
        .allowLocalRepositories(allowLocal)
        .build();
  }

  @Test
  void fileUrlAndLocalPath_refusedByDefault_nothingStored() throws Exception {
    try (RemoteFixture fx = new RemoteFixture(tmp.resolve("served"));
        PizzaOven oven = oven(false)) {
      fx.grow(3);
      Path repo = fx.base.resolve("origin.git");
      RecordingSink sink = new RecordingSink();
      for (String url : new String[] {repo.toUri().toString(), repo.toString(), "file://" + repo}) {
        assertThatThrownBy(() -> oven.bake(url, sink))
            .as(url)
            .isInstanceOf(LocalAccessDeniedException.class);
      }
      assertThat(sink.delivered).isEmpty();
      assertThat(sink.checkpoints).isEmpty();
      RemoteFixture.assertStoreClean(tmp.resolve("store"));
    }
  }

  @Test
  void fileUrlAndLocalPath_bakedWhenAllowed() throws Exception {
    try (RemoteFixture fx = new RemoteFixture(tmp.resolve("served"));
        PizzaOven oven = oven(true)) {
      fx.grow(3);
      Path repo = fx.base.resolve("origin.git");
      RecordingSink sink = new RecordingSink();
      assertThat(oven.bake(repo.toUri().toString(), sink).acquisition())
          .isEqualTo(Acquisition.CLONED);
      assertThat(oven.bake(repo.toString(), new RecordingSink()).acquisition())
          .isEqualTo(Acquisition.READ_IN_PLACE);
      fx.assertExactlyOnce(sink);
    }
  }
}
