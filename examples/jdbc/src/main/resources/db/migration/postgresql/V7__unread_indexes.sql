-- Indexes no query of pizza reads, dropped because every insert of a bake maintains them: the
-- global commits_author_email (an email across all repositories; the per-repository queries read
-- commits_by_author of V4, which starts with (repo_id, author_email)) took about 40% of SQLite's
-- CPU for inserting a commit, and commit_co_authors_email (co-authors are counted per repository,
-- through the primary key). Rows are untouched. A host that looks up an email across
-- repositories creates its own index, e.g. CREATE INDEX ... ON commits (author_email).

DROP INDEX IF EXISTS commits_author_email;
DROP INDEX IF EXISTS commit_co_authors_email;
