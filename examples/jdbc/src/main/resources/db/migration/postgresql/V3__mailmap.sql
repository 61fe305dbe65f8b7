-- Identities through the mailmap (the repository's .mailmap and the host's): the written
-- identity stays in author_*/committer_*/name, email; the mapped one is stored beside it only when
-- the mailmap changed it, and is NULL otherwise (so rows stored before this migration, and the
-- many commits no mailmap line touches, cost nothing). Read the mapped identity as
-- COALESCE(mapped_author_email, author_email), and likewise for the others.

ALTER TABLE commits ADD COLUMN mapped_author_name TEXT;
ALTER TABLE commits ADD COLUMN mapped_author_email TEXT;
ALTER TABLE commits ADD COLUMN mapped_committer_name TEXT;
ALTER TABLE commits ADD COLUMN mapped_committer_email TEXT;

ALTER TABLE commit_co_authors ADD COLUMN mapped_name TEXT;
ALTER TABLE commit_co_authors ADD COLUMN mapped_email TEXT;
