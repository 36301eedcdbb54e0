-- Up Migration
-- botbuilder state documents (conversation and user state), one row per storage key, with a version for
-- optimistic concurrency: a write names the version it read, and is refused when another instance wrote since.
CREATE TABLE bot_state (
  key        text        PRIMARY KEY,
  document   jsonb       NOT NULL,
  version    bigint      NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE bot_state;
