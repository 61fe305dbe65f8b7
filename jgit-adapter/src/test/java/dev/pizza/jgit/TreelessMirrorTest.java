package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.BakeResult;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryUrl;
import dev.pizza.cache.DiskRepoStore;
import dev.pizza.spi.Acquisition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata-only mirrors: against a server that honours filters, a treeless mirror holds commits
 * only (and HEAD's root tree, fetched to look for a {@code .mailmap}), is several times smaller
 * than a full one, fetches incrementally, and is cloned again in full when a backend needs file
 * contents; a server that ignores filters sends everything.
 */
class TreelessMirrorTest {
  private static final int FILES = 30;

  @TempDir Path tmp;
  private RemoteFixture fx;
  private GitDaemonServer server;
  private final Random rnd = new Random(42);
  private final String[] contents = new String[FILES];
  private final ObjectId[] blobs = new ObjectId[FILES];
  private ObjectId tip;
  private int commits;

  @BeforeEach
  void setUp() throws Exception {
    fx = new RemoteFixture(tmp.resolve("served"));
    allowFilter(true);
    for (int i = 0; i < FILES; i++) {
      contents[i] = text(4096);
    }
    grow(200);
    server = new GitDaemonServer(fx.base);
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
    fx.close();
  }

  private void allowFilter(boolean allow) throws Exception {
    StoredConfig c = fx.origin.repository().getConfig();
    c.setBoolean("uploadpack", null, "allowFilter", allow);
    c.save();
  }

  private String text(int bytes) {
    byte[] b = new byte[bytes * 3 / 4];
    rnd.nextBytes(b);
    return Base64.getMimeEncoder().encodeToString(b);
  }

  /** Adds {@code n} commits on main, each rewriting 3 of the files (a few KB each). */
  private void grow(int n) throws Exception {
    try (ObjectInserter ins = fx.origin.repository().newObjectInserter()) {
      for (int k = 0; k < n; k++) {
        for (int j = 0; j < 3; j++) {
          int f = rnd.nextInt(FILES);
          contents[f] = text(4096);
          blobs[f] = null;
        }
        TreeFormatter tree = new TreeFormatter();
        for (int i = 0; i < FILES; i++) {
          if (blobs[i] == null) {
            blobs[i] = ins.insert(Constants.OBJ_BLOB, contents[i].getBytes(StandardCharsets.UTF_8));
          }
          tree.append(String.format("file%02d.txt", i), FileMode.REGULAR_FILE, blobs[i]);
        }
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(ins.insert(tree));
        if (tip != null) {
          cb.setParentId(tip);
        }
        PersonIdent who =
            TestRepository.person("A", "a@example.com", 1_600_000_000L + commits++, "UTC");
        cb.setAuthor(who);
        cb.setCommitter(who);
        cb.setMessage("change " + commits + "\n");
        tip = ins.insert(cb);
      }
      ins.flush();
    }
    fx.origin.branch("main", tip);
  }

  private Path mirrorOf(Path store, String url) throws Exception {
    return store.resolve("repos").resolve(RepositoryUrl.parse(url).id().key());
  }

  private PizzaOven oven(Path store, boolean treeless) throws Exception {
    return PizzaOven.builder()
        .backend(JGitBackend.builder().storeDirectory(store).treeless(treeless).build())
        .build();
  }

  @Test
  void treelessMirror_holdsCommitsOnly_isSeveralTimesSmaller_andFetchesIncrementally()
      throws Exception {
    String url = server.url("origin.git");
    Path treelessStore = tmp.resolve("treeless");
    Path fullStore = tmp.resolve("full");
    RecordingSink treelessSink = new RecordingSink();
    RecordingSink fullSink = new RecordingSink();
    try (PizzaOven treeless = oven(treelessStore, true);
        PizzaOven full = oven(fullStore, false)) {
      assertThat(treeless.bake(url, treelessSink).newCommits()).isEqualTo(200);
      assertThat(full.bake(url, fullSink).newCommits()).isEqualTo(200);

      Map<MirrorObjects.Type, Integer> t = MirrorObjects.countByType(mirrorOf(treelessStore, url));
      Map<MirrorObjects.Type, Integer> f = MirrorObjects.countByType(mirrorOf(fullStore, url));
      assertThat(t.get(MirrorObjects.Type.COMMIT)).isEqualTo(200);
      // HEAD's root tree alone is fetched, to look for a .mailmap (there is none here).
      assertThat(t.get(MirrorObjects.Type.TREE)).as("trees in the treeless mirror").isEqualTo(1);
      assertThat(t.get(MirrorObjects.Type.BLOB)).as("blobs in the treeless mirror").isZero();
      assertThat(f.get(MirrorObjects.Type.TREE)).isEqualTo(200);
      assertThat(f.get(MirrorObjects.Type.BLOB)).isGreaterThan(600);

      long tBytes = MirrorObjects.objectBytes(mirrorOf(treelessStore, url));
      long fBytes = MirrorObjects.objectBytes(mirrorOf(fullStore, url));
      double ratio = (double) fBytes / tBytes;
      System.out.printf(
          "treeless mirror: %d bytes of objects; full mirror: %d bytes; ratio %.1fx%n",
          tBytes, fBytes, ratio);
      assertThat(ratio).as("full/treeless size (%d/%d bytes)", fBytes, tBytes).isGreaterThan(3.0);
      assertThat(treelessSink.deliveredIds()).isEqualTo(fullSink.deliveredIds());

      grow(10);
      BakeResult next = treeless.bake(url, treelessSink);
      assertThat(next.acquisition()).isEqualTo(Acquisition.FETCHED);
      assertThat(next.newCommits()).isEqualTo(10);
      fx.assertExactlyOnce(treelessSink);
      Map<MirrorObjects.Type, Integer> after =
          MirrorObjects.countByType(mirrorOf(treelessStore, url));
      assertThat(after.get(MirrorObjects.Type.COMMIT)).isEqualTo(210);
      assertThat(after.get(MirrorObjects.Type.TREE)).as("the root tree of each HEAD").isEqualTo(2);
      assertThat(after.get(MirrorObjects.Type.BLOB)).isZero();
    }
  }

  @Test
  void treelessOverSmartHttp_holdsCommitsOnly() throws Exception {
    try (SmartHttpServer http = new SmartHttpServer(fx.base);
        PizzaOven oven = oven(tmp.resolve("h"), true)) {
      String url = http.url("origin.git");
      RecordingSink sink = new RecordingSink();
      assertThat(oven.bake(url, sink).newCommits()).isEqualTo(200);
      grow(3);
      assertThat(oven.bake(url, sink).newCommits()).isEqualTo(3);
      Map<MirrorObjects.Type, Integer> t =
          MirrorObjects.countByType(mirrorOf(tmp.resolve("h"), url));
      assertThat(t.get(MirrorObjects.Type.COMMIT)).isEqualTo(203);
      assertThat(t.get(MirrorObjects.Type.TREE)).as("the root tree of each HEAD").isEqualTo(2);
      assertThat(t.get(MirrorObjects.Type.BLOB)).isZero();
    }
  }

  @Test
  void treelessMirror_tagsOfTreesAndBlobs_doNotBreakCloneFetchOrWalk() throws Exception {
    ObjectId blob;
    try (ObjectInserter ins = fx.origin.repository().newObjectInserter()) {
      blob = ins.insert(Constants.OBJ_BLOB, "tagged blob\n".getBytes(StandardCharsets.UTF_8));
      ins.flush();
    }
    ObjectId treeTag =
        fx.origin.annotatedTag("tree-tag", fx.origin.emptyTree(), Constants.OBJ_TREE);
    fx.origin.tag("tree-tag", treeTag);
    fx.origin.tag("blob-tag", blob);
    String url = server.url("origin.git");
    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven = oven(tmp.resolve("t"), true)) {
      assertThat(oven.bake(url, sink).newCommits()).isEqualTo(200);
      grow(2);
      fx.origin.tag("blob-tag-2", blob);
      assertThat(oven.bake(url, sink).newCommits()).isEqualTo(2);
      try (var m =
          new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
              .setGitDir(mirrorOf(tmp.resolve("t"), url).toFile())
              .build()) {
        assertThat(m.exactRef("refs/heads/main").getObjectId()).isEqualTo(tip);
        assertThat(m.exactRef("refs/tags/tree-tag")).as("a tag of a tree is left out").isNull();
        assertThat(m.exactRef("refs/tags/blob-tag-2")).as("a tag of a blob is left out").isNull();
      }
    }
    fx.assertExactlyOnce(sink);
  }

  @Test
  void treelessOverFileUrl_whenOriginAllowsFilter() throws Exception {
    String url = fx.base.resolve("origin.git").toUri().toString();
    try (PizzaOven oven =
        PizzaOven.builder()
            .backend(JGitBackend.builder().storeDirectory(tmp.resolve("f")).build())
            .allowLocalRepositories(true)
            .build()) {
      assertThat(oven.bake(url, new RecordingSink()).newCommits()).isEqualTo(200);
    }
    Map<MirrorObjects.Type, Integer> t = MirrorObjects.countByType(mirrorOf(tmp.resolve("f"), url));
    assertThat(t.get(MirrorObjects.Type.TREE)).as("HEAD's root tree").isEqualTo(1);
    assertThat(t.get(MirrorObjects.Type.BLOB)).isZero();
  }

  @Test
  void serverThatCannotFilter_sendsEverything_entryRecordedAsFull() throws Exception {
    allowFilter(false);
    String url = server.url("origin.git");
    ForwardingStore store =
        new ForwardingStore(DiskRepoStore.builder().root(tmp.resolve("s")).build());
    RecordingSink sink = new RecordingSink();
    try (PizzaOven oven =
        PizzaOven.builder()
            .backend(JGitBackend.builder().store(store).treeless(true).build())
            .build()) {
      assertThat(oven.bake(url, sink).newCommits()).isEqualTo(200);
      String key = RepositoryUrl.parse(url).id().key();
      assertThat(store.attributes.get(key)).containsEntry("filter", "none");
      assertThat(
              MirrorObjects.countByType(mirrorOf(tmp.resolve("s"), url))
                  .get(MirrorObjects.Type.TREE))
          .isEqualTo(200);
      grow(2);
      assertThat(oven.bake(url, sink).newCommits()).isEqualTo(2);
    } finally {
      store.close();
    }
  }

  @Test
  void backendNeedingContents_reclonesTreelessEntryInFull() throws Exception {
    String url = server.url("origin.git");
    String key = RepositoryUrl.parse(url).id().key();
    ForwardingStore store =
        new ForwardingStore(DiskRepoStore.builder().root(tmp.resolve("s")).build());
    RecordingSink sink = new RecordingSink();
    try {
      try (PizzaOven oven =
          PizzaOven.builder()
              .backend(JGitBackend.builder().store(store).treeless(true).build())
              .build()) {
        oven.bake(url, sink);
      }
      assertThat(store.attributes.get(key)).containsEntry("filter", "tree:0");
      grow(1);
      try (PizzaOven oven =
          PizzaOven.builder()
              .backend(JGitBackend.builder().store(store).treeless(false).build())
              .build()) {
        BakeResult r = oven.bake(url, sink);
        assertThat(r.acquisition()).isEqualTo(Acquisition.CLONED);
        assertThat(r.newCommits()).isEqualTo(1);
      }
      assertThat(store.invalidations).containsEntry(key, 1);
      assertThat(store.loads).containsEntry(key, 2);
      assertThat(store.attributes.get(key)).containsEntry("filter", "none");
      assertThat(
              MirrorObjects.countByType(mirrorOf(tmp.resolve("s"), url))
                  .get(MirrorObjects.Type.TREE))
          .isEqualTo(201);
      fx.assertExactlyOnce(sink);
    } finally {
      store.close();
    }
  }

  @Test
  void mirrorConfig_recordsFilterAndFsync() throws Exception {
    String url = server.url("origin.git");
    try (PizzaOven oven = oven(tmp.resolve("s"), true)) {
      oven.bake(url, new RecordingSink());
    }
    try (var r =
        new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
            .setGitDir(mirrorOf(tmp.resolve("s"), url).toFile())
            .build()) {
      assertThat(r.getConfig().getString("pizza", null, "filter")).isEqualTo("tree:0");
      assertThat(r.getConfig().getBoolean("core", "fsyncObjectFiles", false)).isTrue();
      assertThat(r.getConfig().getBoolean("core", "fsyncRefFiles", false)).isTrue();
      assertThat(r.getConfig().getSubsections("remote")).isEmpty();
      assertThat(List.of(r.getConfig().toText().split("\n")))
          .noneMatch(l -> l.contains("127.0.0.1"));
    }
  }
}
