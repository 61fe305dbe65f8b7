package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.BakeResult;
import dev.pizza.Checkpoint;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryUrl;
import dev.pizza.errors.TransferException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection cut inside the server's first answer (its headers or its ref advertisement) is a
 * broken transfer: the bake fails, typed; the mirror and the checkpoint stay as they were.
 */
class TruncatedAdvertisementTest {
  @TempDir Path tmp;
  private RemoteFixture fx;
  private SmartHttpServer server;
  private CuttingProxy proxy;
  private String url;

  @BeforeEach
  void setUp() throws Exception {
    fx = new RemoteFixture(tmp.resolve("served"));
    fx.grow(30);
    for (int i = 0; i < 5; i++) {
      fx.origin.branch("b" + i, fx.main);
      fx.origin.tag("t" + i, fx.main);
    }
    server = new SmartHttpServer(fx.base);
    int port = Integer.parseInt(server.url("x").replaceAll(".*:(\\d+)/.*", "$1"));
    proxy = new CuttingProxy(port);
    url = "http://127.0.0.1:" + proxy.port() + "/origin.git";
  }

  @AfterEach
  void tearDown() throws Exception {
    proxy.close();
    server.close();
    fx.close();
  }

  private PizzaOven oven() throws Exception {
    return PizzaOven.builder()
        .backend(
            JGitBackend.builder()
                .storeDirectory(tmp.resolve("store"))
                .timeout(Duration.ofSeconds(20))
                .build())
        .build();
  }

  /** Cut points across the headers and the advertisement of the first answer. */
  private List<Long> cutPoints() throws Exception {
    long total = firstAnswerLength();
    List<Long> cuts = new ArrayList<>();
    for (long n : new long[] {1, 10, 40, 80, 120, 160, 200}) {
      if (n < total) {
        cuts.add(n);
      }
    }
    for (long n = 240; n < total; n += Math.max(1, total / 8)) {
      cuts.add(n);
    }
    cuts.add(total - 5);
    cuts.add(total - 1);
    return cuts;
  }

  /** Returns the length of the whole answer (headers and body) to the advertisement request. */
  private long firstAnswerLength() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET /origin.git/info/refs?service=git-upload-pack HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return in.readAllBytes().length;
    }
  }

  @Test
  void cutInsideFirstAnswer_onFreshClone_isTransferFailure_notAnEmptySuccess() throws Exception {
    for (long cut : cutPoints()) {
      proxy.cutAfter(cut);
      RecordingSink sink = new RecordingSink();
      try (PizzaOven oven = oven()) {
        assertThatThrownBy(() -> oven.bake(url, sink))
            .as("cut after %d bytes", cut)
            .isInstanceOf(TransferException.class);
      }
      assertThat(sink.delivered).as("cut after %d bytes", cut).isEmpty();
      assertThat(sink.checkpoints).as("cut after %d bytes", cut).isEmpty();
      RemoteFixture.assertStoreClean(tmp.resolve("store"));
    }
  }

  @Test
  void cutInsideFirstAnswer_onExistingMirror_retractsNothing_mirrorIntact() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven = oven()) {
      BakeResult first = oven.bake(url, sink);
      assertThat(first.newCommits()).isEqualTo(30);
    }
    Map<String, ObjectId> refsBefore = mirrorRefs();
    assertThat(refsBefore).isNotEmpty();
    Checkpoint checkpoint = sink.checkpoints.get(RepositoryUrl.parse(url).id());
    for (long cut : cutPoints()) {
      proxy.cutAfter(cut);
      try (PizzaOven oven = oven()) {
        assertThatThrownBy(() -> oven.bake(url, sink))
            .as("cut after %d bytes", cut)
            .isInstanceOf(TransferException.class);
      }
      assertThat(sink.retracted).as("cut after %d bytes", cut).isEmpty();
      assertThat(sink.checkpoints.get(RepositoryUrl.parse(url).id()))
          .as("cut after %d bytes", cut)
          .isEqualTo(checkpoint);
      assertThat(mirrorRefs()).as("cut after %d bytes", cut).isEqualTo(refsBefore);
    }
    proxy.passThrough();
    fx.grow(2);
    try (PizzaOven oven = oven()) {
      BakeResult healthy = oven.bake(url, sink);
      assertThat(healthy.newCommits()).isEqualTo(2);
    }
    assertThat(sink.retracted).isEmpty();
    fx.assertExactlyOnce(sink);
  }

  /** The refs of the store's one mirror. */
  private Map<String, ObjectId> mirrorRefs() throws Exception {
    Path repos = tmp.resolve("store").resolve("repos");
    Path dir;
    try (var s = java.nio.file.Files.list(repos)) {
      dir = s.filter(java.nio.file.Files::isDirectory).findFirst().orElseThrow();
    }
    Path gitDir = java.nio.file.Files.isDirectory(dir.resolve("objects")) ? dir : findGitDir(dir);
    try (Repository r = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build()) {
      Map<String, ObjectId> refs = new java.util.TreeMap<>();
      for (Ref ref : r.getRefDatabase().getRefs()) {
        refs.put(ref.getName(), ref.getObjectId());
      }
      return refs;
    }
  }

  private static Path findGitDir(Path dir) throws Exception {
    try (var s = java.nio.file.Files.walk(dir, 3)) {
      return s.filter(p -> java.nio.file.Files.isDirectory(p.resolve("objects")))
          .findFirst()
          .orElseThrow();
    }
  }
}
