-- Bake requests a service accepted and has not finished (pizza serve): one row per repository,
-- written before the request is answered and deleted when its bake ends, so that a restart or a
-- crash resumes what was accepted. requested_at is epoch milliseconds.

CREATE TABLE bake_requests (
  repo_key     TEXT PRIMARY KEY,
  url          TEXT NOT NULL,
  requested_at BIGINT NOT NULL
);
