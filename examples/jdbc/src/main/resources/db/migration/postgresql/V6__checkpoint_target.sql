-- An intermediate checkpoint is the range an unfinished bake walks, from the checkpoint's tips (the
-- rows of checkpoints) to its target tips (the rows of checkpoint_targets), and how many commits of
-- that range, in the walk's repeatable order (walk_order), are stored (delivered). It replaces the
-- parents-first frontier, kept as ^frontier/ID and ^delivered rows of checkpoints, which no count
-- can be derived from: such a checkpoint falls back to its tips, those of the last finished bake,
-- and the next bake delivers again what the unfinished one had stored (at least once).

CREATE TABLE checkpoint_targets (
  repo_id   BIGINT NOT NULL REFERENCES repositories (id),
  ref_name  TEXT NOT NULL,
  commit_id TEXT NOT NULL,
  PRIMARY KEY (repo_id, ref_name)
);

CREATE TABLE checkpoint_progress (
  repo_id    BIGINT PRIMARY KEY REFERENCES repositories (id),
  walk_order TEXT NOT NULL,
  delivered  BIGINT NOT NULL
);

DELETE FROM checkpoints WHERE ref_name LIKE '^%';
