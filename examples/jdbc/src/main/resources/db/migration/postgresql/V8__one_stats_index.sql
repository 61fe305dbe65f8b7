-- One covering index for CommitQueries.stats instead of V4's two: commits_by_committer_time
-- widened by the author columns of commits_by_author, which it replaces. Every query that read
-- either index reads this one alone (repo_id first, then every column those queries read), and a
-- bake maintains one secondary index of commits fewer: on SQLite, replaying a 1M-commit bake cost
-- about a quarter less CPU than with both. Rows are untouched.

DROP INDEX IF EXISTS commits_by_author;
DROP INDEX IF EXISTS commits_by_committer_time;
CREATE INDEX commits_by_time
  ON commits (repo_id, committer_time, committer_email, is_merge, mapped_committer_email,
              author_email, author_time, author_name, mapped_author_email, mapped_author_name);

-- The foreign key of commits.repo_id, checked by a trigger and a lookup of repositories for every
-- inserted row (a million lookups in a 1M-commit bake), is dropped: the sink takes repo_id from the
-- repositories row it ensures in the same transaction, and no repository row is ever deleted.
-- SQLite never enforced it (foreign_keys is off there).

ALTER TABLE commits DROP CONSTRAINT IF EXISTS commits_repo_id_fkey;
