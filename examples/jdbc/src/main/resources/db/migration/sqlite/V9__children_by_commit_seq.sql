-- The rows beside a commit (trailers, co-authors, line statistics, changed files) are keyed by the
-- commit's integer row id, commits.seq, instead of its text key (repo_id, commit_id): the writer
-- numbers a bake's commits upwards (one writer at a time), so each child table, a WITHOUT ROWID
-- table whose rows are its key's B-tree, grows at its right end instead of taking rows at random
-- places of a key 40 characters wide, and needs no second B-tree for that key. repo_id stays in
-- every child row (not in its key) for the per-repository queries and deletes.
--
-- commits gets seq INTEGER PRIMARY KEY, an alias of the rowid it already had (kept, so existing
-- ids stay), because VACUUM may renumber a rowid no column names. SQLite cannot add such a column
-- to a table, so commits is copied into a new one; its foreign key on repositories, never enforced
-- here (foreign_keys is off), is left out as PostgreSQL dropped it in V8.

DROP VIEW original_commits;

CREATE TABLE commits_v9 (
  seq                    INTEGER PRIMARY KEY,
  repo_id                BIGINT NOT NULL,
  commit_id              TEXT NOT NULL,
  parent_ids             TEXT NOT NULL,
  author_name            TEXT NOT NULL,
  author_email           TEXT NOT NULL,
  author_time            BIGINT NOT NULL,
  author_offset          INTEGER NOT NULL,
  committer_name         TEXT NOT NULL,
  committer_email        TEXT NOT NULL,
  committer_time         BIGINT NOT NULL,
  committer_offset       INTEGER NOT NULL,
  subject                TEXT NOT NULL,
  message                TEXT NOT NULL,
  is_merge               INTEGER NOT NULL,
  mapped_author_name     TEXT,
  mapped_author_email    TEXT,
  mapped_committer_name  TEXT,
  mapped_committer_email TEXT,
  UNIQUE (repo_id, commit_id)
);
INSERT INTO commits_v9
  SELECT rowid, repo_id, commit_id, parent_ids, author_name, author_email, author_time,
         author_offset, committer_name, committer_email, committer_time, committer_offset,
         subject, message, is_merge, mapped_author_name, mapped_author_email,
         mapped_committer_name, mapped_committer_email
  FROM commits ORDER BY rowid;

CREATE TABLE commit_trailers_v9 (
  commit_seq    INTEGER NOT NULL,
  position      INTEGER NOT NULL,
  repo_id       BIGINT NOT NULL,
  trailer_key   TEXT NOT NULL,
  trailer_value TEXT NOT NULL,
  PRIMARY KEY (commit_seq, position)
) WITHOUT ROWID;
INSERT INTO commit_trailers_v9
  SELECT c.rowid, t.position, t.repo_id, t.trailer_key, t.trailer_value
  FROM commit_trailers t JOIN commits c ON c.repo_id = t.repo_id AND c.commit_id = t.commit_id;

CREATE TABLE commit_co_authors_v9 (
  commit_seq   INTEGER NOT NULL,
  position     INTEGER NOT NULL,
  repo_id      BIGINT NOT NULL,
  name         TEXT NOT NULL,
  email        TEXT NOT NULL,
  mapped_name  TEXT,
  mapped_email TEXT,
  PRIMARY KEY (commit_seq, position)
) WITHOUT ROWID;
INSERT INTO commit_co_authors_v9
  SELECT c.rowid, t.position, t.repo_id, t.name, t.email, t.mapped_name, t.mapped_email
  FROM commit_co_authors t JOIN commits c ON c.repo_id = t.repo_id AND c.commit_id = t.commit_id;

CREATE TABLE commit_line_stats_v9 (
  commit_seq    INTEGER PRIMARY KEY,
  repo_id       BIGINT NOT NULL,
  lines_added   BIGINT NOT NULL,
  lines_removed BIGINT NOT NULL,
  files         INTEGER NOT NULL
);
INSERT INTO commit_line_stats_v9
  SELECT c.rowid, t.repo_id, t.lines_added, t.lines_removed, t.files
  FROM commit_line_stats t JOIN commits c ON c.repo_id = t.repo_id AND c.commit_id = t.commit_id;

CREATE TABLE commit_files_v9 (
  commit_seq INTEGER NOT NULL,
  position   INTEGER NOT NULL,
  repo_id    BIGINT NOT NULL,
  path       TEXT NOT NULL,
  old_path   TEXT,
  kind       TEXT NOT NULL CHECK (kind IN ('ADDED', 'MODIFIED', 'DELETED', 'RENAMED', 'COPIED',
                                           'TYPE_CHANGED')),
  added      INTEGER,
  removed    INTEGER,
  is_binary  INTEGER NOT NULL,
  too_large  INTEGER NOT NULL,
  PRIMARY KEY (commit_seq, position)
) WITHOUT ROWID;
INSERT INTO commit_files_v9
  SELECT c.rowid, t.position, t.repo_id, t.path, t.old_path, t.kind, t.added, t.removed,
         t.is_binary, t.too_large
  FROM commit_files t JOIN commits c ON c.repo_id = t.repo_id AND c.commit_id = t.commit_id;

DROP TABLE commit_trailers;
DROP TABLE commit_co_authors;
DROP TABLE commit_line_stats;
DROP TABLE commit_files;
DROP TABLE commits;
ALTER TABLE commits_v9 RENAME TO commits;
ALTER TABLE commit_trailers_v9 RENAME TO commit_trailers;
ALTER TABLE commit_co_authors_v9 RENAME TO commit_co_authors;
ALTER TABLE commit_line_stats_v9 RENAME TO commit_line_stats;
ALTER TABLE commit_files_v9 RENAME TO commit_files;

CREATE INDEX commits_by_time
  ON commits (repo_id, committer_time, committer_email, is_merge, mapped_committer_email,
              author_email, author_time, author_name, mapped_author_email, mapped_author_name);
CREATE INDEX commit_files_path ON commit_files (repo_id, path);

CREATE VIEW original_commits AS
  SELECT c.seq AS id, c.repo_id AS baked_repo_id, a.id AS commit_author_id,
         c.commit_id AS commit_hash, datetime(c.committer_time, 'unixepoch') AS commit_date
  FROM commits c JOIN author_emails a ON a.email = c.author_email;
