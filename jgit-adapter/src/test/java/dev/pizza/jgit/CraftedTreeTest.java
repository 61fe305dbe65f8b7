package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.CommitRecord;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryUrl;
import dev.pizza.errors.RepositoryStorageException;
import dev.pizza.testing.InMemoryCommitSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trees that only a hand-written object holds, diffed for line statistics: what git's diff refuses
 * ("unable to read tree", a malformed entry, a tree nested past git's maximum depth) fails the bake
 * with a storage error and no checkpoint, never a {@link StackOverflowError} or an internal
 * exception.
 */
class CraftedTreeTest {
  @TempDir Path tmp;

  @Test
  void treeNestedPastGitsMaximumDepth_failsWithStorageError_notAStackOverflow() throws Exception {
    try (Repository repo = repository();
        ObjectInserter ins = repo.newObjectInserter()) {
      ObjectId t = ins.insert(Constants.OBJ_TREE, entry("100644", "f", blob(ins, "x\n")));
      // 50,000 levels overflowed the diff thread's stack; git refuses more than 2,048
      for (int i = 0; i < 5_000; i++) {
        t = ins.insert(Constants.OBJ_TREE, entry("40000", "d", t));
      }
      ins.flush();
      commitOnEmptyRoot(repo, ins, t);
      assertBakeFails(repo);
    }
  }

  @Test
  void treeNestedTwoThousandLevels_isDiffedAsGitDiffsIt() throws Exception {
    try (Repository repo = repository();
        ObjectInserter ins = repo.newObjectInserter()) {
      ObjectId t = ins.insert(Constants.OBJ_TREE, entry("100644", "f", blob(ins, "x\ny\n")));
      for (int i = 0; i < 2000; i++) {
        t = ins.insert(Constants.OBJ_TREE, entry("40000", "d", t));
      }
      ins.flush();
      commitOnEmptyRoot(repo, ins, t);
      List<CommitRecord> records = bake(repo);
      CommitRecord top = records.stream().filter(r -> !r.parents().isEmpty()).findFirst().get();
      assertThat(top.files()).hasSize(1);
      assertThat(top.files().get(0).path()).isEqualTo("d/".repeat(2000) + "f");
      assertThat(top.files().get(0).added()).isEqualTo(2);
    }
  }

  @Test
  void treeEntryWithAMalformedMode_failsWithStorageError_notAnIndexOutOfBounds() throws Exception {
    try (Repository repo = repository();
        ObjectInserter ins = repo.newObjectInserter()) {
      byte[] raw = "100644".getBytes(StandardCharsets.US_ASCII); // no space, name or NUL
      commitOnEmptyRoot(repo, ins, ins.insert(Constants.OBJ_TREE, raw));
      assertBakeFails(repo);
    }
  }

  @Test
  void treeEntryCutShort_failsWithStorageError_notAnIllegalState() throws Exception {
    try (Repository repo = repository();
        ObjectInserter ins = repo.newObjectInserter()) {
      byte[] raw = entry("100644", "f", blob(ins, "x\n"));
      commitOnEmptyRoot(
          repo, ins, ins.insert(Constants.OBJ_TREE, java.util.Arrays.copyOf(raw, raw.length - 3)));
      assertBakeFails(repo);
    }
  }

  @Test
  void treeEntryOfABlobMarkedAsATree_failsWithStorageError_asGitCannotReadTheTree()
      throws Exception {
    try (Repository repo = repository();
        ObjectInserter ins = repo.newObjectInserter()) {
      byte[] raw = entry("40000", "f", blob(ins, "x\n"));
      commitOnEmptyRoot(repo, ins, ins.insert(Constants.OBJ_TREE, raw));
      assertBakeFails(repo);
    }
  }

  @Test
  void packedTreeEntryOfATreeMarkedAsABlob_failsWithStorageError_asWhenLoose() throws Exception {
    NativeGit.assumeInstalled("to pack the objects");
    try (Repository repo = repository();
        ObjectInserter ins = repo.newObjectInserter()) {
      ObjectId sub = ins.insert(Constants.OBJ_TREE, entry("100644", "g", blob(ins, "x\n")));
      commitOnEmptyRoot(repo, ins, ins.insert(Constants.OBJ_TREE, entry("100644", "f", sub)));
      NativeGit.run(repo.getDirectory().toPath(), "repack", "-adq");
      assertBakeFails(repo);
    }
  }

  @Test
  void treeEntryWithAnEmptyName_failsWithStorageError_asGitRefusesIt() throws Exception {
    try (Repository repo = repository();
        ObjectInserter ins = repo.newObjectInserter()) {
      byte[] raw = entry("100644", "", blob(ins, "x\n"));
      commitOnEmptyRoot(repo, ins, ins.insert(Constants.OBJ_TREE, raw));
      assertBakeFails(repo); // git: "fatal: empty filename in tree entry"
    }
  }

  @Test
  void treeEntryWithASlashInItsName_isOnePath_asGitDiffShowsIt() throws Exception {
    try (Repository repo = repository();
        ObjectInserter ins = repo.newObjectInserter()) {
      byte[] raw = entry("100644", "a/b", blob(ins, "x\n"));
      commitOnEmptyRoot(repo, ins, ins.insert(Constants.OBJ_TREE, raw));
      CommitRecord top = bake(repo).stream().filter(r -> !r.parents().isEmpty()).findFirst().get();
      assertThat(top.files()).hasSize(1);
      assertThat(top.files().get(0).path()).isEqualTo("a/b"); // git log --numstat: 1 0 a/b
      assertThat(top.files().get(0).added()).isEqualTo(1);
    }
  }

  @Test
  void firstNulAtByte8000_isText_atByte7999_isBinary_asGitLogNumstatShowsThem() throws Exception {
    try (Repository repo = repository();
        ObjectInserter ins = repo.newObjectInserter()) {
      ByteArrayOutputStream tree = new ByteArrayOutputStream();
      tree.writeBytes(entry("100644", "nul-at-7999", blob(ins, "a".repeat(7999) + "\0\nx\n")));
      tree.writeBytes(entry("100644", "nul-at-8000", blob(ins, "a".repeat(8000) + "\0\nx\n")));
      commitOnEmptyRoot(repo, ins, ins.insert(Constants.OBJ_TREE, tree.toByteArray()));
      CommitRecord top = bake(repo).stream().filter(r -> !r.parents().isEmpty()).findFirst().get();
      // git log --numstat: "-  -  nul-at-7999" and "2  0  nul-at-8000"
      assertThat(top.files()).hasSize(2);
      assertThat(top.files().get(0).binary()).isTrue();
      assertThat(top.files().get(1).binary()).isFalse();
      assertThat(top.files().get(1).added()).isEqualTo(2);
    }
  }

  private Repository repository() throws Exception {
    Repository repo =
        new FileRepositoryBuilder().setGitDir(tmp.resolve("repo.git").toFile()).build();
    repo.create(true);
    return repo;
  }

  private static ObjectId blob(ObjectInserter ins, String text) throws Exception {
    return ins.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] entry(String mode, String name, ObjectId id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((mode + " " + name).getBytes(StandardCharsets.UTF_8));
    out.write(0);
    byte[] raw = new byte[20];
    id.copyRawTo(raw, 0);
    out.writeBytes(raw);
    return out.toByteArray();
  }

  /** An empty root commit, then a commit of {@code tree} on it, on {@code refs/heads/main}. */
  private static void commitOnEmptyRoot(Repository repo, ObjectInserter ins, ObjectId tree)
      throws Exception {
    PersonIdent who = new PersonIdent("A", "a@b", 1_700_000_000_000L, 0);
    CommitBuilder root = new CommitBuilder();
    root.setTreeId(ins.insert(Constants.OBJ_TREE, new byte[0]));
    root.setAuthor(who);
    root.setCommitter(who);
    root.setMessage("root\n");
    ObjectId r = ins.insert(root);
    CommitBuilder c = new CommitBuilder();
    c.setTreeId(tree);
    c.setParentId(r);
    c.setAuthor(who);
    c.setCommitter(who);
    c.setMessage("crafted tree\n");
    ObjectId id = ins.insert(c);
    ins.flush();
    RefUpdate u = repo.updateRef("refs/heads/main");
    u.setNewObjectId(id);
    u.forceUpdate();
  }

  private static List<CommitRecord> bake(Repository repo) throws Exception {
    InMemoryCommitSink sink = new InMemoryCommitSink();
    String dir = repo.getDirectory().toString();
    try (PizzaOven oven = oven()) {
      oven.bake(dir, sink);
    }
    return List.copyOf(sink.records(RepositoryUrl.parse(dir).id()).values());
  }

  private static PizzaOven oven() throws Exception {
    return PizzaOven.builder()
        .backend(JGitBackend.builder().lineStats(true).build())
        .allowLocalRepositories(true)
        .build();
  }

  private static void assertBakeFails(Repository repo) throws Exception {
    InMemoryCommitSink sink = new InMemoryCommitSink();
    String dir = repo.getDirectory().toString();
    try (PizzaOven oven = oven()) {
      assertThatThrownBy(() -> oven.bake(dir, sink)).isInstanceOf(RepositoryStorageException.class);
    }
    assertThat(sink.checkpoint(RepositoryUrl.parse(dir).id()).isEmpty()).isTrue();
  }
}
