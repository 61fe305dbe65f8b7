package dev.pizza;

/**
 * How a commit changed one path, as git's {@code --name-status} letters say it (see {@link
 * FileChange}).
 */
public enum ChangeKind {
  /** The path is new ({@code A}). */
  ADDED,
  /** The path's content or mode changed ({@code M}). */
  MODIFIED,
  /** The path is gone ({@code D}). */
  DELETED,
  /** The content moved from {@link FileChange#oldPath()}, maybe edited ({@code R}). */
  RENAMED,
  /** The content was copied from {@link FileChange#oldPath()}, which stays ({@code C}). */
  COPIED,
  /** The path changed between a file, a symbolic link and a submodule ({@code T}). */
  TYPE_CHANGED
}
