-- Indexes that answer CommitQueries.stats without reading the commits' rows (whose messages make
-- them most of the table): one per author, carrying the mapped identity (V3__mailmap) the grouping
-- reads, and one by committer time that also carries what the totals and the months need.
-- They replace the narrower (repo_id, author_time) and (repo_id, committer_time) indexes, so a bake
-- still maintains the same number of indexes.

DROP INDEX commits_author_time;
DROP INDEX commits_committer_time;
CREATE INDEX commits_by_author
  ON commits (repo_id, author_email, author_time, author_name, mapped_author_email,
              mapped_author_name);
CREATE INDEX commits_by_committer_time
  ON commits (repo_id, committer_time, committer_email, is_merge, mapped_committer_email);
