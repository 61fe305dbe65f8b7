package dev.pizza.jgit.internal.diff;

import dev.pizza.ChangeKind;
import dev.pizza.FileChange;
import dev.pizza.jgit.internal.pack.ObjectSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.jspecify.annotations.Nullable;

/**
 * Computes one commit's {@link FileChange}s as {@code git log --numstat --minimal} reports them,
 * from its changed paths against the first parent ({@link CommitTrees}): renames detected as git's
 * default {@code diff.renames} does (exact renames by {@link ExactRenames}, then content similarity
 * of at least 50% by {@link SimilarRenames}, git's {@code diffcore-rename} with its {@code
 * diff.renameLimit} of 1,000), no copies, binary files by git's test (a NUL in the first 8,000
 * bytes), line counts by {@link LineCounter}. Holds at most one file pair's contents at a time,
 * besides the {@link Similarity} of the added and deleted files while renames are sought. Blobs are
 * read into arrays of an {@link ArrayPool} and given back once their pair is counted (or their
 * {@link Similarity} taken), as the tree stage's trees are: a new array per blob cost more than the
 * copy into a warm one. Not thread safe.
 */
final class CommitDiffer {
  private static final int BINARY_PROBE = 8000;
  private static final int RENAME_LIMIT = 1000;

  /** Free arrays kept for blobs, and the longest kept: a longer blob gets an array of its own. */
  private static final long POOL_BYTES = 4L << 20;

  private static final int POOL_MAX_LENGTH = 1 << 20;

  private final ObjectSource objects;
  private final DiffOptions options;
  private final ArrayPool arrays = new ArrayPool(POOL_BYTES, POOL_MAX_LENGTH);

  /** Reads the blobs from {@code objects}. */
  CommitDiffer(ObjectSource objects, DiffOptions options) {
    this.objects = objects;
    this.options = options;
  }

  /** Ids of blobs for {@link ObjectSource#warm}, one after another. */
  private int[] warmIds = new int[0];

  /**
   * Tells the source that the blobs of {@code changes} (the changed paths of commits about to be
   * counted by {@link #files}) are about to be read ({@link ObjectSource#warm}): their lookups then
   * overlap, where {@link #files} waits for each in turn.
   */
  void warm(List<List<TreeDiff.Change>> changes) {
    int words = objects.format().words();
    int n = 0;
    for (List<TreeDiff.Change> commit : changes) {
      for (TreeDiff.Change c : commit) {
        n = add(c.oldMode(), c.oldId(), n, words);
        n = add(c.newMode(), c.newId(), n, words);
      }
    }
    objects.warm(warmIds, n);
  }

  private int add(int mode, @Nullable Oid id, int n, int words) {
    if (id == null || (mode & 0170000) == TreeDiff.GITLINK) {
      return n;
    }
    if ((n + 1) * words > warmIds.length) {
      warmIds = Arrays.copyOf(warmIds, Math.max(64 * words, 2 * warmIds.length));
    }
    System.arraycopy(id.words(), 0, warmIds, n * words, words);
    return n + 1;
  }

  /**
   * Returns the file changes of a commit whose changed paths ({@link CommitTrees}) are {@code
   * changes}.
   */
  List<FileChange> files(List<TreeDiff.Change> changes) throws IOException {
    Map<TreeDiff.Change, Integer> at = new HashMap<>();
    List<TreeDiff.Change> added = new ArrayList<>();
    List<TreeDiff.Change> deleted = new ArrayList<>();
    List<Ordered> out = new ArrayList<>(changes.size());
    for (int i = 0; i < changes.size(); i++) {
      TreeDiff.Change c = changes.get(i);
      if (c.oldId() == null) {
        at.put(c, i);
        added.add(c);
      } else if (c.newId() == null) {
        at.put(c, i);
        deleted.add(c);
      } else {
        ChangeKind kind =
            type(c.oldMode()) == type(c.newMode()) ? ChangeKind.MODIFIED : ChangeKind.TYPE_CHANGED;
        out.add(new Ordered(i, count(c.path(), null, kind, c, c)));
      }
    }
    if (!added.isEmpty() && !deleted.isEmpty()) {
      List<ExactRenames.Pair> renames = new ArrayList<>(ExactRenames.take(added, deleted));
      if (!added.isEmpty() && !deleted.isEmpty()) {
        renames.addAll(SimilarRenames.take(added, deleted, RENAME_LIMIT, this::similarity));
      }
      for (ExactRenames.Pair p : renames) {
        TreeDiff.Change d = p.deleted();
        TreeDiff.Change a = p.added();
        out.add(new Ordered(index(at, a), count(a.path(), d.path(), ChangeKind.RENAMED, d, a)));
      }
    }
    for (TreeDiff.Change a : added) {
      out.add(new Ordered(index(at, a), count(a.path(), null, ChangeKind.ADDED, null, a)));
    }
    for (TreeDiff.Change d : deleted) {
      out.add(new Ordered(index(at, d), count(d.path(), null, ChangeKind.DELETED, d, null)));
    }
    out.sort(Comparator.comparingInt(Ordered::index));
    List<FileChange> files = new ArrayList<>(out.size());
    for (Ordered o : out) {
      files.add(o.change());
    }
    return files;
  }

  private record Ordered(int index, FileChange change) {}

  private static int index(Map<TreeDiff.Change, Integer> at, TreeDiff.Change c) {
    return java.util.Objects.requireNonNull(at.get(c), c.path());
  }

  /**
   * The {@link Similarity} of the old side of a deleted file or the new side of an added one; a
   * file larger than the cut-off is renamed only exactly ({@link Similarity#NONE}), as its content
   * is not read.
   */
  private Similarity similarity(TreeDiff.Change c, boolean deleted) throws IOException {
    Content data = deleted ? content(c.oldMode(), c.oldId()) : content(c.newMode(), c.newId());
    try {
      if (data.size() > options.maxFileBytes()) {
        return Similarity.NONE;
      }
      return Similarity.of(data.bytes(), data.length(), !isBinary(data));
    } finally {
      arrays.give(data.bytes());
    }
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

  /** Counts {@code from}'s old side against {@code to}'s new side (null: absent). */
  private FileChange count(
      String path,
      @Nullable String oldPath,
      ChangeKind kind,
      TreeDiff.@Nullable Change from,
      TreeDiff.@Nullable Change to)
      throws IOException {
    Oid oldId = from == null ? null : from.oldId();
    Oid newId = to == null ? null : to.newId();
    Content a = from == null ? Content.EMPTY : content(from.oldMode(), oldId);
    Content b;
    try {
      b = to == null ? Content.EMPTY : content(to.newMode(), newId);
    } catch (IOException | RuntimeException e) {
      arrays.give(a.bytes());
      throw e;
    }
    try {
      return count(path, oldPath, kind, oldId, newId, a, b);
    } finally {
      arrays.give(a.bytes());
      arrays.give(b.bytes());
    }
  }

  private FileChange count(
      String path,
      @Nullable String oldPath,
      ChangeKind kind,
      @Nullable Oid oldId,
      @Nullable Oid newId,
      Content a,
      Content b) {
    if (isBinary(a) || isBinary(b)) {
      return new FileChange(path, oldPath, kind, 0, 0, true, false);
    }
    if (oldId != null && oldId.equals(newId)) {
      return new FileChange(path, oldPath, kind, 0, 0, false, false);
    }
    if (a.size() > options.maxFileBytes() || b.size() > options.maxFileBytes()) {
      return new FileChange(path, oldPath, kind, 0, 0, false, true);
    }
    LineCounter.Counts n =
        LineCounter.git(a.bytes(), a.length(), b.bytes(), b.length(), options.maxSteps());
    if (n == null) {
      return new FileChange(path, oldPath, kind, 0, 0, false, true);
    }
    return new FileChange(path, oldPath, kind, n.added(), n.removed(), false, false);
  }

  /**
   * The content of a blob, in an array of {@link #arrays} to be given back after use: of a blob
   * larger than the cut-off, its first bytes only (the binary probe's) and its size.
   */
  private Content content(int mode, @Nullable Oid id) throws IOException {
    if (id == null) {
      return Content.EMPTY;
    }
    if ((mode & 0170000) == TreeDiff.GITLINK) {
      byte[] line = ("Subproject commit " + id.hex() + "\n").getBytes(StandardCharsets.US_ASCII);
      return new Content(line, line.length);
    }
    int pos = objects.locate(id.words(), 0);
    if (pos < 0) {
      throw new IOException("missing blob " + id.hex());
    }
    long size =
        objects.readAtMost(pos, Constants.OBJ_BLOB, options.maxFileBytes(), BINARY_PROBE, arrays);
    return size > options.maxFileBytes()
        ? new Content(arrays.last(), (int) Math.min(size, BINARY_PROBE), size)
        : new Content(arrays.last(), (int) size);
  }

  /** git's {@code buffer_is_binary}: a NUL byte among the first 8,000. */
  private static boolean isBinary(Content data) {
    return Bytes.indexOf(data.bytes(), (byte) 0, 0, Math.min(data.length(), BINARY_PROBE)) >= 0;
  }
}
