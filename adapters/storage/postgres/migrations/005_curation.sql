-- Up Migration
-- The console's decisions on phrasing proposals and clusters of unanswered questions (CurationStore), one per key: a
-- later decision on the same key replaces it and keeps its place (seq), as in the embedded SQLite store.
CREATE TABLE curation_decisions (
  seq        bigint      GENERATED ALWAYS AS IDENTITY,
  key        text        PRIMARY KEY,
  kind       text        NOT NULL CHECK (kind IN ('proposal', 'cluster')),
  status     text        NOT NULL CHECK (status IN ('accepted', 'rejected', 'phrasing', 'new-entry', 'out-of-scope')),
  text       text        NOT NULL,
  entry_id   text,
  time       timestamptz NOT NULL,
  decided_by text        NOT NULL
);

-- Down Migration
DROP TABLE curation_decisions;
