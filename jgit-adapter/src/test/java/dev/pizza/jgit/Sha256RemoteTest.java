package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.BakeResult;
import dev.pizza.PizzaOven;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.UnsupportedRepositoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SHA-256 repository cannot be fetched through JGit's transports, which speak SHA-1 only: the
 * bake fails with {@link UnsupportedRepositoryException} saying so, and leaves the store and the
 * sink as they were, never an empty success.
 */
class Sha256RemoteTest {
  @TempDir Path tmp;

  private PizzaOven oven() throws Exception {
    return PizzaOven.builder()
        .backend(JGitBackend.builder().storeDirectory(tmp.resolve("store")).build())
        .allowLocalRepositories(true)
        .build();
  }

  /** A bare SHA-256 repository with three commits at {@code base/origin.git}. */
  private Path sha256Origin(Path base) throws Exception {
    Path work = Sha256Repos.init(tmp.resolve("work"), false);
    new Sha256Repos().commits(work, "Commit", 3, "body");
    Path origin = base.resolve("origin.git");
    NativeGit.run(tmp, "clone", "-q", "--bare", work.toString(), origin.toString());
    assertThat(NativeGit.run(origin, "rev-parse", "--show-object-format").strip())
        .isEqualTo("sha256");
    return origin;
  }

  private void assertRefusedUntouched(String url, String transport) throws Exception {
    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven = oven()) {
      assertThatThrownBy(() -> oven.bake(url, sink))
          .isInstanceOf(UnsupportedRepositoryException.class)
          .hasMessageContaining("this repository uses SHA-256 objects; fetching it over")
          .hasMessageContaining(transport + " is not supported");
    }
    assertThat(sink.delivered).isEmpty();
    assertThat(sink.checkpoints).isEmpty();
    assertThat(sink.retracted).isEmpty();
    assertThat(sink.aborts).as("no bake began").isZero();
    RemoteFixture.assertStoreClean(tmp.resolve("store"));
  }

  @Test
  void sha256Remote_overFileUrl_failsTyped_storeAndSinkUntouched() throws Exception {
    Path origin = sha256Origin(tmp.resolve("served"));
    assertRefusedUntouched("file://" + origin, "file://");
  }

  @Test
  void sha256Remote_overSmartHttp_failsTyped_storeAndSinkUntouched() throws Exception {
    sha256Origin(tmp.resolve("served"));
    try (SmartHttpServer server = new SmartHttpServer(tmp.resolve("served"))) {
      server.mode(SmartHttpServer.Mode.NATIVE);
      assertRefusedUntouched(server.url("origin.git"), "HTTP");
    }
  }

  /**
   * JGit's own UploadPack cannot serve a SHA-256 repository at all (it advertises ids cut to 40
   * digits, then cannot find them): the client sees a broken transfer, never an empty success.
   */
  @Test
  void sha256Remote_servedByJGitUploadPack_failsAndLeavesStoreAndSinkUntouched() throws Exception {
    sha256Origin(tmp.resolve("served"));
    RecordingSink sink = new RecordingSink();
    try (SmartHttpServer server = new SmartHttpServer(tmp.resolve("served"));
        PizzaOven oven = oven()) {
      assertThatThrownBy(() -> oven.bake(server.url("origin.git"), sink))
          .isInstanceOf(PizzaException.class);
    }
    assertThat(sink.delivered).isEmpty();
    assertThat(sink.checkpoints).isEmpty();
    RemoteFixture.assertStoreClean(tmp.resolve("store"));
  }

  @Test
  void nativeSmartHttp_servesSha1_soTheRefusalIsAboutTheFormat() throws Exception {
    NativeGit.assumeInstalled("to serve over HTTP");
    try (RemoteFixture fx = new RemoteFixture(tmp.resolve("served"));
        SmartHttpServer server = new SmartHttpServer(fx.base);
        PizzaOven oven = oven()) {
      server.mode(SmartHttpServer.Mode.NATIVE);
      fx.grow(4);
      RecordingSink sink = new RecordingSink();
      BakeResult r = oven.bake(server.url("origin.git"), sink);
      assertThat(r.newCommits()).isEqualTo(4);
      fx.assertExactlyOnce(sink);
    }
  }

  @Test
  void sha256Repository_readInPlaceByPath_isTheWayToBakeIt() throws Exception {
    Path origin = sha256Origin(tmp.resolve("served"));
    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven = oven()) {
      assertThat(oven.bake(origin.toString(), sink).newCommits()).isEqualTo(3);
    }
    assertThat(sink.deliveredIds()).isEqualTo(Sha256Repos.reachable(origin));
  }
}
