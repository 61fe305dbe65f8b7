package dev.pizza;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One path a commit changed, with its line counts, as {@code git log --numstat --minimal} reports
 * it: lines added and removed by the minimal line edit script from the old content to the new.
 *
 * <p>A binary file (a NUL byte in its first 8,000 bytes, git's test) has no line counts: {@link
 * #added()} and {@link #removed()} are 0 and {@link #binary()} is true; git prints {@code -}. A
 * file too large for a line diff (see {@link #tooLarge()}) is reported as changed with 0 and 0 and
 * the flag set: git would count its lines, this library does not spend the time.
 *
 * @param path the path after the change (for a deletion, the deleted path), {@code /}-separated
 * @param oldPath the path before a {@link ChangeKind#RENAMED rename} or {@link ChangeKind#COPIED
 *     copy}; null for every other kind
 * @param kind how the path changed
 * @param added lines added; 0 for binary or too large files
 * @param removed lines removed; 0 for binary or too large files
 * @param binary whether either side is binary, so that no lines were counted
 * @param tooLarge whether either side was past the line diff's cut-off, so that no lines were
 *     counted
 */
public record FileChange(
    String path,
    @Nullable String oldPath,
    ChangeKind kind,
    int added,
    int removed,
    boolean binary,
    boolean tooLarge) {

  /**
   * Checks the record.
   *
   * @throws IllegalArgumentException if a count is negative, {@code oldPath} is given for a kind
   *     other than rename or copy or missing for one, or a binary or too large file has counts
   */
  public FileChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    boolean moved = kind == ChangeKind.RENAMED || kind == ChangeKind.COPIED;
    if (moved != (oldPath != null)) {
      throw new IllegalArgumentException(
          "oldPath is required for renames and copies only; got " + kind + " with " + oldPath);
    }
    if (added < 0 || removed < 0) {
      throw new IllegalArgumentException("negative line count: +" + added + " -" + removed);
    }
    if ((binary || tooLarge) && (added != 0 || removed != 0)) {
      throw new IllegalArgumentException("a binary or too large file has no line counts");
    }
  }

  /** Returns whether lines were counted: the file is neither binary nor too large. */
  public boolean hasLineCounts() {
    return !binary && !tooLarge;
  }
}
