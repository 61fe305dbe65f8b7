package dev.pizza.jgit.internal.diff;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSource;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.jspecify.annotations.Nullable;

/**
 * The tree side of a commit's file changes: the changed paths of the commit against its first
 * parent (a root commit against the empty tree) as {@link TreeDiff} lists them, before rename
 * detection and line counts ({@link CommitDiffer}); none for a merge unless asked. Reads commits
 * and trees only, so it can run on a thread of its own, with a source and cache of its own, ahead
 * of the thread that reads the blobs. Not thread safe.
 */
final class CommitTrees {
  private static final int PARENT_TREES = 64;

  private final ObjectSource objects;
  private final TreeDiff trees;
  private final DiffOptions options;
  private final int[] w = new int[ObjectFormat.MAX_WORDS];

  /**
   * The trees of the parents diffed against lately: in git's order a commit's first parent is
   * usually the next commit diffed, whose own tree is then known without reading it again.
   */
  private final Map<CommitId, Oid> parentTrees =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CommitId, Oid> eldest) {
          return size() > PARENT_TREES;
        }
      };

  /**
   * The first parent of the commit diffed last, and its tree: in git's order usually the next
   * commit, whose tree is then known without hashing its id (a 40-character string, new for each
   * record) for the map.
   */
  private @Nullable CommitId lastParent;

  private @Nullable Oid lastParentTree;

  CommitTrees(ObjectSource objects, DiffOptions options) {
    this.objects = objects;
    this.trees = new TreeDiff(objects);
    this.options = options;
  }

  /** Returns the changed paths of {@code commit}; an empty list for a merge unless asked. */
  List<TreeDiff.Change> changes(CommitRecord commit) throws IOException {
    List<CommitId> parents = commit.parents();
    if (parents.size() > 1 && !options.merges()) {
      return List.of();
    }
    Oid tree = lastParentTree;
    if (tree == null || !commit.id().equals(lastParent)) {
      tree = parentTrees.get(commit.id());
      if (tree == null) {
        tree = treeOf(commit.id());
      }
    }
    Oid parentTree = null;
    if (!parents.isEmpty()) {
      CommitId parent = parents.get(0);
      parentTree = parentTrees.get(parent);
      if (parentTree == null) {
        parentTree = treeOf(parent);
        parentTrees.put(parent, parentTree);
      }
      lastParent = parent;
      lastParentTree = parentTree;
    }
    return trees.diff(parentTree, tree);
  }

  /** Reads the tree id of {@code commit}: only the head of the commit object is inflated. */
  private Oid treeOf(CommitId commit) throws IOException {
    if (!Ids.toWords(commit.hex(), objects.format(), w, 0)) {
      throw new IOException("not a commit id: " + commit.hex());
    }
    int pos = objects.locate(w, 0);
    if (pos < 0) {
      throw new IOException("Missing commit " + commit.hex());
    }
    int hexLength = objects.format().hexLength();
    byte[] raw = objects.readHead(pos, Constants.OBJ_COMMIT, 5 + hexLength + 1);
    if (raw.length < 5 + hexLength || raw[0] != 't') {
      throw new IOException("commit " + commit.hex() + " has no tree line");
    }
    return Oid.ofHex(raw, 5, objects.format()); // "tree " + hex
  }
}
