-- Line statistics (pizza bake --line-stats): one row per commit baked with them, and one per file
-- the commit changed, in git's order. A commit without a commit_line_stats row was baked without
-- statistics; a merge baked with them has the row and no files. added and removed are NULL for
-- binary files and for files past the line diff's cut-off (too_large).

CREATE TABLE commit_line_stats (
  repo_id       BIGINT NOT NULL,
  commit_id     TEXT NOT NULL,
  lines_added   BIGINT NOT NULL,
  lines_removed BIGINT NOT NULL,
  files         INTEGER NOT NULL,
  PRIMARY KEY (repo_id, commit_id)
);

CREATE TABLE commit_files (
  repo_id   BIGINT NOT NULL,
  commit_id TEXT NOT NULL,
  position  INTEGER NOT NULL,
  path      TEXT NOT NULL,
  old_path  TEXT,
  kind      TEXT NOT NULL CHECK (kind IN ('ADDED', 'MODIFIED', 'DELETED', 'RENAMED', 'COPIED',
                                          'TYPE_CHANGED')),
  added     INTEGER,
  removed   INTEGER,
  is_binary BOOLEAN NOT NULL,
  too_large BOOLEAN NOT NULL,
  PRIMARY KEY (repo_id, commit_id, position)
);
CREATE INDEX commit_files_path ON commit_files (repo_id, path);
