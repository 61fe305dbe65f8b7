package dev.pizza.jgit.internal.diff;

import dev.pizza.ChangeKind;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.FileChange;
import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * Computes one commit's {@link FileChange}s as {@code git log --numstat --minimal} reports them:
 * against the first parent (a root commit against the empty tree), renames detected as git's
 * default {@code diff.renames} does (exact renames, then content similarity of at least 50%, by
 * JGit's {@link RenameDetector}, a port of git's {@code diffcore-rename}; at most 1,000 sources or
 * destinations, git's {@code diff.renameLimit}), no copies, binary files by git's test (a NUL in
 * the first 8,000 bytes), line counts by {@link LineCounter}. Holds at most one file pair's
 * contents at a time, besides what the rename detector reads of the added and deleted files. Not
 * thread safe.
 */
final class CommitDiffer {
  private static final int BINARY_PROBE = 8000;
  private static final int RENAME_SCORE = 50;
  private static final int RENAME_LIMIT = 1000;

  private final ObjectSource objects;
  private final SourceReader reader;
  private final TreeDiff trees;
  private final DiffOptions options;
  private final int[] w = new int[5];

  CommitDiffer(ObjectSource objects, DiffOptions options) {
    this.objects = objects;
    this.reader = new SourceReader(objects);
    this.trees = new TreeDiff(objects);
    this.options = options;
  }

  /** Returns the file changes of {@code commit}; an empty list for a merge unless asked. */
  List<FileChange> files(CommitRecord commit) throws IOException {
    List<CommitId> parents = commit.parents();
    if (parents.size() > 1 && !options.merges()) {
      return List.of();
    }
    ObjectId tree = treeOf(commit.id());
    ObjectId parentTree = parents.isEmpty() ? null : treeOf(parents.get(0));
    return files(parentTree, tree);
  }

  private ObjectId treeOf(CommitId commit) throws IOException {
    if (!Ids.toWords(commit.hex(), objects.format(), w, 0)) {
      throw new IOException("not a commit id: " + commit.hex());
    }
    int pos = objects.locate(w, 0);
    if (pos < 0) {
      throw new IOException("Missing commit " + commit.hex());
    }
    byte[] raw = objects.read(pos, Constants.OBJ_COMMIT);
    return ObjectId.fromString(raw, 5); // "tree " + hex
  }

  /** Returns the changes from {@code oldTree} (null: empty) to {@code newTree}. */
  List<FileChange> files(@Nullable ObjectId oldTree, ObjectId newTree) throws IOException {
    List<TreeDiff.Change> changes = trees.diff(oldTree, newTree);
    Map<String, Integer> addedAt = new HashMap<>();
    Map<String, Integer> deletedAt = new HashMap<>();
    List<TreeDiff.Change> added = new ArrayList<>();
    List<TreeDiff.Change> deleted = new ArrayList<>();
    List<Ordered> out = new ArrayList<>(changes.size());
    for (int i = 0; i < changes.size(); i++) {
      TreeDiff.Change c = changes.get(i);
      if (c.oldId() == null) {
        addedAt.put(c.path(), i);
        added.add(c);
      } else if (c.newId() == null) {
        deletedAt.put(c.path(), i);
        deleted.add(c);
      } else {
        ChangeKind kind =
            type(c.oldMode()) == type(c.newMode()) ? ChangeKind.MODIFIED : ChangeKind.TYPE_CHANGED;
        out.add(
            new Ordered(
                i, count(c.path(), null, kind, c.oldMode(), c.oldId(), c.newMode(), c.newId())));
      }
    }
    if (!added.isEmpty() && !deleted.isEmpty()) {
      for (ExactRenames.Pair p : ExactRenames.take(added, deleted)) {
        TreeDiff.Change d = p.deleted();
        TreeDiff.Change a = p.added();
        out.add(
            new Ordered(
                at(addedAt, a.path()),
                count(
                    a.path(),
                    d.path(),
                    ChangeKind.RENAMED,
                    d.oldMode(),
                    d.oldId(),
                    a.newMode(),
                    a.newId())));
      }
    }
    List<DiffEntry> entries = new ArrayList<>(added.size() + deleted.size());
    for (TreeDiff.Change c : added) {
      entries.add(Entry.added(c));
    }
    for (TreeDiff.Change c : deleted) {
      entries.add(Entry.deleted(c));
    }
    if (!added.isEmpty() && !deleted.isEmpty()) {
      entries = renames(entries);
    }
    for (DiffEntry e : entries) {
      switch (e.getChangeType()) {
        case ADD, COPY ->
            // JGit pairs one deleted file with several added ones as copies; git's rename-only
            // detection takes each deleted file once, so the others are additions.
            out.add(
                new Ordered(
                    at(addedAt, e.getNewPath()),
                    count(
                        e.getNewPath(),
                        null,
                        ChangeKind.ADDED,
                        0,
                        null,
                        bits(e.getNewMode()),
                        id(e.getNewId()))));
        case DELETE ->
            out.add(
                new Ordered(
                    at(deletedAt, e.getOldPath()),
                    count(
                        e.getOldPath(),
                        null,
                        ChangeKind.DELETED,
                        bits(e.getOldMode()),
                        id(e.getOldId()),
                        0,
                        null)));
        case RENAME ->
            out.add(
                new Ordered(
                    at(addedAt, e.getNewPath()),
                    count(
                        e.getNewPath(),
                        e.getOldPath(),
                        ChangeKind.RENAMED,
                        bits(e.getOldMode()),
                        id(e.getOldId()),
                        bits(e.getNewMode()),
                        id(e.getNewId()))));
        default -> throw new IllegalStateException("unexpected " + e);
      }
    }
    out.sort(Comparator.comparingInt(Ordered::index));
    List<FileChange> files = new ArrayList<>(out.size());
    for (Ordered o : out) {
      files.add(o.change());
    }
    return files;
  }

  private static int at(Map<String, Integer> indexes, String path) {
    Integer i = indexes.get(path);
    if (i == null) {
      throw new IllegalStateException("the rename detector returned an unknown path " + path);
    }
    return i;
  }

  private record Ordered(int index, FileChange change) {}

  private List<DiffEntry> renames(List<DiffEntry> candidates) throws IOException {
    RenameDetector detector =
        new RenameDetector(
            reader, new org.eclipse.jgit.lib.Config().get(org.eclipse.jgit.diff.DiffConfig.KEY));
    detector.setRenameScore(RENAME_SCORE);
    detector.setRenameLimit(RENAME_LIMIT);
    detector.setBigFileThreshold(options.maxFileBytes());
    detector.addAll(candidates);
    try {
      return detector.compute(reader, NullProgressMonitor.INSTANCE);
    } catch (CanceledException e) {
      throw new IOException(e);
    }
  }

  private static ObjectId id(AbbreviatedObjectId id) {
    return java.util.Objects.requireNonNull(id.toObjectId());
  }

  private static int bits(FileMode mode) {
    return mode.getBits();
  }

  /** 1 file, 2 symbolic link, 3 submodule; 0 absent. */
  private static int type(int mode) {
    return switch (mode & 0170000) {
      case 0100000 -> 1;
      case TreeDiff.SYMLINK -> 2;
      case TreeDiff.GITLINK -> 3;
      default -> 0;
    };
  }

  private FileChange count(
      String path,
      @Nullable String oldPath,
      ChangeKind kind,
      int oldMode,
      @Nullable ObjectId oldId,
      int newMode,
      @Nullable ObjectId newId)
      throws IOException {
    byte[] a = content(oldMode, oldId);
    byte[] b = content(newMode, newId);
    if (isBinary(a) || isBinary(b)) {
      return new FileChange(path, oldPath, kind, 0, 0, true, false);
    }
    if (oldId != null && oldId.equals(newId)) {
      return new FileChange(path, oldPath, kind, 0, 0, false, false);
    }
    if (a.length > options.maxFileBytes() || b.length > options.maxFileBytes()) {
      return new FileChange(path, oldPath, kind, 0, 0, false, true);
    }
    LineCounter.Counts n = LineCounter.git(a, b, options.maxSteps());
    if (n == null) {
      return new FileChange(path, oldPath, kind, 0, 0, false, true);
    }
    return new FileChange(path, oldPath, kind, n.added(), n.removed(), false, false);
  }

  private byte[] content(int mode, @Nullable ObjectId id) throws IOException {
    if (id == null) {
      return new byte[0];
    }
    if ((mode & 0170000) == TreeDiff.GITLINK) {
      return ("Subproject commit " + id.name() + "\n").getBytes(StandardCharsets.US_ASCII);
    }
    return reader.blob(id);
  }

  /** git's {@code buffer_is_binary}: a NUL byte among the first 8,000. */
  static boolean isBinary(byte[] data) {
    int n = Math.min(data.length, BINARY_PROBE);
    for (int i = 0; i < n; i++) {
      if (data[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** A {@link DiffEntry} made from a tree change, for the rename detector. */
  private static final class Entry extends DiffEntry {
    static Entry added(TreeDiff.Change c) {
      Entry e = new Entry();
      e.changeType = ChangeType.ADD;
      e.oldPath = DEV_NULL;
      e.newPath = c.path();
      e.oldMode = FileMode.MISSING;
      e.newMode = FileMode.fromBits(c.newMode());
      e.oldId = AbbreviatedObjectId.fromObjectId(ObjectId.zeroId());
      e.newId = AbbreviatedObjectId.fromObjectId(java.util.Objects.requireNonNull(c.newId()));
      return e;
    }

    static Entry deleted(TreeDiff.Change c) {
      Entry e = new Entry();
      e.changeType = ChangeType.DELETE;
      e.oldPath = c.path();
      e.newPath = DEV_NULL;
      e.oldMode = FileMode.fromBits(c.oldMode());
      e.newMode = FileMode.MISSING;
      e.oldId = AbbreviatedObjectId.fromObjectId(java.util.Objects.requireNonNull(c.oldId()));
      e.newId = AbbreviatedObjectId.fromObjectId(ObjectId.zeroId());
      return e;
    }
  }
}
