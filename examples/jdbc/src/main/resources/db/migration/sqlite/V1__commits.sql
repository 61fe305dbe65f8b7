-- pizza's tables on SQLite. Times of commits are epoch seconds with the recorded offset in
-- seconds (git's precision); times of bakes are epoch milliseconds.

CREATE TABLE repositories (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  repo_key TEXT NOT NULL UNIQUE,
  url      TEXT NOT NULL
);

CREATE TABLE commits (
  repo_id          BIGINT NOT NULL REFERENCES repositories (id),
  commit_id        TEXT NOT NULL,
  parent_ids       TEXT NOT NULL,
  author_name      TEXT NOT NULL,
  author_email     TEXT NOT NULL,
  author_time      BIGINT NOT NULL,
  author_offset    INTEGER NOT NULL,
  committer_name   TEXT NOT NULL,
  committer_email  TEXT NOT NULL,
  committer_time   BIGINT NOT NULL,
  committer_offset INTEGER NOT NULL,
  subject          TEXT NOT NULL,
  message          TEXT NOT NULL,
  is_merge         INTEGER NOT NULL,
  PRIMARY KEY (repo_id, commit_id)
);
CREATE INDEX commits_committer_time ON commits (repo_id, committer_time);
CREATE INDEX commits_author_time ON commits (repo_id, author_time);
CREATE INDEX commits_author_email ON commits (author_email);

CREATE TABLE commit_trailers (
  repo_id       BIGINT NOT NULL,
  commit_id     TEXT NOT NULL,
  position      INTEGER NOT NULL,
  trailer_key   TEXT NOT NULL,
  trailer_value TEXT NOT NULL,
  PRIMARY KEY (repo_id, commit_id, position)
);

CREATE TABLE commit_co_authors (
  repo_id   BIGINT NOT NULL,
  commit_id TEXT NOT NULL,
  position  INTEGER NOT NULL,
  name      TEXT NOT NULL,
  email     TEXT NOT NULL,
  PRIMARY KEY (repo_id, commit_id, position)
);
CREATE INDEX commit_co_authors_email ON commit_co_authors (email);

CREATE TABLE author_emails (
  id    INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE
);

CREATE TABLE checkpoints (
  repo_id   BIGINT NOT NULL REFERENCES repositories (id),
  ref_name  TEXT NOT NULL,
  commit_id TEXT NOT NULL,
  PRIMARY KEY (repo_id, ref_name)
);

CREATE TABLE bakes (
  bake_id           TEXT PRIMARY KEY,
  repo_id           BIGINT NOT NULL REFERENCES repositories (id),
  started_at        BIGINT NOT NULL,
  finished_at       BIGINT NOT NULL,
  outcome           TEXT NOT NULL CHECK (outcome IN ('ok', 'aborted')),
  new_commits       BIGINT NOT NULL,
  retracted_commits BIGINT NOT NULL,
  resynced          INTEGER NOT NULL,
  error             TEXT
);
CREATE INDEX bakes_repo_started ON bakes (repo_id, started_at);

-- The original service's three tables, as views prefixed original_, so that its queries keep
-- working once the table names are prefixed. commit_date is UTC text (YYYY-MM-DD HH:MM:SS).

CREATE VIEW original_baked_repos AS
  SELECT r.id, r.url AS clone_url, r.repo_key AS repo_id FROM repositories r;

CREATE VIEW original_commit_authors AS
  SELECT a.id, a.email AS commit_author_email FROM author_emails a;

CREATE VIEW original_commits AS
  SELECT c.rowid AS id, c.repo_id AS baked_repo_id, a.id AS commit_author_id,
         c.commit_id AS commit_hash, datetime(c.committer_time, 'unixepoch') AS commit_date
  FROM commits c JOIN author_emails a ON a.email = c.author_email;
