package dev.pizza.jgit.internal.diff;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ObjectSources;
import dev.pizza.jgit.internal.pack.ReaderObjects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tree diffs whose trees outgrow the cache of recent trees, so that arrays the cache lets go of are
 * reused while diffs go on: each diff, again and in both directions, lists what JGit's tree walk
 * lists, read through JGit's reader, from a pack of whole objects and from a pack of deltas. The
 * trees are all of one size class of the {@link ArrayPool}, and one diff reads about 900 KB of
 * them, so the root tree leaves the cache while its diff still reads it: had its array been reused
 * then, or while the cache still held it, the diff would garble paths or ids.
 */
class TreeDiffReuseTest {
  private static final int FANOUT = 30; // 30 entries of about 30 bytes: trees of 1 KB or less

  @TempDir Path tmp;

  @Test
  void diffsWhoseTreesOutgrowTheRecentCache_listWhatJGitLists_overAndOver() throws Exception {
    Path dir = tmp.resolve("repo.git");
    Git.init().setBare(true).setDirectory(dir.toFile()).call().close();
    try (Repository repo = new FileRepository(dir.toFile())) {
      ObjectId a;
      ObjectId b;
      try (ObjectInserter ins = ((ObjectDirectory) repo.getObjectDatabase()).newPackInserter()) {
        ObjectId same = ins.insert(Constants.OBJ_BLOB, "the same\n".getBytes(UTF_8));
        a = root(ins, same, 1);
        b = root(ins, same, 2);
        ins.flush();
      }
      List<List<String>> expected =
          List.of(jgit(repo, a, b), jgit(repo, b, a), jgit(repo, null, a));
      assertThat(expected.get(0)).hasSize(FANOUT * FANOUT - 1 + 2 * FANOUT); // changed, gone, new
      try (ObjectSource objects = new ReaderObjects(repo.newObjectReader())) {
        check(objects, a, b, expected); // the default read into an array: a copy of JGit's
      }
      try (ObjectSource objects = ObjectSources.open(dir.resolve("objects"), ObjectFormat.SHA1)) {
        check(objects, a, b, expected);
      }
      GC gc = new GC((FileRepository) repo);
      gc.setAuto(false);
      gc.gc().get();
      try (ObjectSource objects = ObjectSources.open(dir.resolve("objects"), ObjectFormat.SHA1)) {
        check(objects, a, b, expected);
      }
    }
  }

  private static void check(ObjectSource objects, ObjectId a, ObjectId b, List<List<String>> want)
      throws Exception {
    TreeDiff diff = new TreeDiff(objects);
    for (int round = 0; round < 2; round++) {
      assertThat(mine(diff, a, b)).as("round %d, a to b", round).isEqualTo(want.get(0));
      assertThat(mine(diff, b, a)).as("round %d, b to a", round).isEqualTo(want.get(1));
      assertThat(mine(diff, null, a)).as("round %d, none to a", round).isEqualTo(want.get(2));
    }
  }

  /**
   * A root of {@link #FANOUT} directories of as many directories of as many files; in version 2 the
   * first file of every directory changed, one directory gone and another one added.
   */
  private static ObjectId root(ObjectInserter ins, ObjectId same, int version) throws Exception {
    TreeFormatter root = new TreeFormatter();
    for (int m = 0; m < FANOUT; m++) {
      TreeFormatter mid = new TreeFormatter();
      for (int d = 0; d <= FANOUT; d++) {
        boolean gone = m == 0 && d == (version == 2 ? 0 : FANOUT);
        if ((d == FANOUT && m != 0) || gone) {
          continue; // d30 of the first only in version 2, d00 of the first only in version 1
        }
        TreeFormatter leaf = new TreeFormatter();
        for (int f = 0; f < FANOUT; f++) {
          String text = "file " + m + "/" + d + " v" + version + "\n";
          ObjectId blob = f == 0 ? ins.insert(Constants.OBJ_BLOB, text.getBytes(UTF_8)) : same;
          leaf.append(String.format("f%02d", f), FileMode.REGULAR_FILE, blob);
        }
        mid.append(String.format("d%02d", d), FileMode.TREE, ins.insert(leaf));
      }
      root.append(String.format("d%02d", m), FileMode.TREE, ins.insert(mid));
    }
    return ins.insert(root);
  }

  private static List<String> jgit(Repository repo, @Nullable ObjectId from, ObjectId to)
      throws Exception {
    List<String> out = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(repo)) {
      walk.setRecursive(true);
      walk.setFilter(TreeFilter.ANY_DIFF);
      if (from == null) {
        walk.addTree(new EmptyTreeIterator());
      } else {
        walk.addTree(from);
      }
      walk.addTree(to);
      while (walk.next()) {
        ObjectId o = walk.getObjectId(0);
        ObjectId n = walk.getObjectId(1);
        out.add(
            walk.getPathString()
                + " "
                + (walk.getRawMode(0) == 0 ? "-" : o.name())
                + " "
                + (walk.getRawMode(1) == 0 ? "-" : n.name()));
      }
    }
    return out;
  }

  private static List<String> mine(TreeDiff diff, @Nullable ObjectId from, ObjectId to)
      throws Exception {
    List<String> out = new ArrayList<>();
    for (TreeDiff.Change c : diff.diff(from == null ? null : oid(from), oid(to))) {
      out.add(
          c.path()
              + " "
              + (c.oldId() == null ? "-" : c.oldId().hex())
              + " "
              + (c.newId() == null ? "-" : c.newId().hex()));
    }
    return out;
  }

  private static Oid oid(ObjectId id) {
    byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
    id.copyRawTo(raw, 0);
    return Oid.ofRaw(raw, 0, ObjectFormat.SHA1);
  }
}
