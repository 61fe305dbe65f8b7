package dev.pizza.jgit.internal.diff;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSource;
import java.io.IOException;
import java.util.ArrayList;
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

  /**
   * Returns the changed paths of each commit of {@code run}, a run of consecutive records of a
   * stream, whose raw objects are {@code raws} (null where the stream did not have one): a commit's
   * tree id is read from its raw object, and its first parent's from the next commit's where that
   * is its parent, as it mostly is in the walk's order; only the others are read again. A merge
   * gets an empty list unless asked.
   */
  List<List<TreeDiff.Change>> changes(List<CommitRecord> run, List<byte @Nullable []> raws)
      throws IOException {
    List<List<TreeDiff.Change>> out = new ArrayList<>(run.size());
    Oid tree = treeIn(raws.isEmpty() ? null : raws.get(0));
    for (int i = 0; i < run.size(); i++) {
      boolean last = i + 1 == run.size();
      CommitRecord next = last ? null : run.get(i + 1);
      Oid nextTree = last ? null : treeIn(raws.get(i + 1));
      out.add(changes(run.get(i), tree, next, nextTree));
      tree = nextTree;
    }
    return out;
  }

  /**
   * The changed paths of {@code commit}, whose tree is {@code known} if not null, followed in its
   * stream by {@code next} with tree {@code nextTree}, where known.
   */
  private List<TreeDiff.Change> changes(
      CommitRecord commit, @Nullable Oid known, @Nullable CommitRecord next, @Nullable Oid nextTree)
      throws IOException {
    List<CommitId> parents = commit.parents();
    if (parents.size() > 1 && !options.merges()) {
      return List.of();
    }
    Oid tree = known;
    if (tree == null) {
      tree = lastParentTree;
      if (tree == null || !commit.id().equals(lastParent)) {
        tree = parentTrees.get(commit.id());
        if (tree == null) {
          tree = treeOf(commit.id());
        }
      }
    }
    Oid parentTree = null;
    if (!parents.isEmpty()) {
      CommitId parent = parents.get(0);
      if (nextTree != null && next != null && next.id().equals(parent)) {
        parentTree = nextTree;
      } else {
        parentTree = parentTrees.get(parent);
        if (parentTree == null) {
          parentTree = treeOf(parent);
          parentTrees.put(parent, parentTree);
        }
      }
      lastParent = parent;
      lastParentTree = parentTree;
    }
    return trees.diff(parentTree, tree);
  }

  /** The tree id of the raw commit {@code raw} ("tree " and hex on its first line), or null. */
  private @Nullable Oid treeIn(byte @Nullable [] raw) throws IOException {
    int hexLength = objects.format().hexLength();
    if (raw == null || raw.length < 5 + hexLength || raw[0] != 't' || raw[4] != ' ') {
      return null;
    }
    return Oid.ofHex(raw, 5, objects.format());
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
