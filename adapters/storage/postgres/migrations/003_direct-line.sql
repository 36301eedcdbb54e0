-- Up Migration
-- Built-in Direct Line conversations and their activity logs, shared by every instance. The watermark a client holds
-- is `seq` (next_seq is the next one to be written), so it can resume on any instance.
CREATE TABLE dl_conversations (
  id          text        PRIMARY KEY,
  user_id     text        NOT NULL,
  next_seq    bigint      NOT NULL,
  last_active timestamptz NOT NULL
);
CREATE INDEX dl_conversations_last_active ON dl_conversations (last_active);

CREATE TABLE dl_activities (
  conversation_id text    NOT NULL REFERENCES dl_conversations (id) ON DELETE CASCADE,
  seq             bigint  NOT NULL,
  activity        jsonb   NOT NULL,
  bytes           integer NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);

-- Down Migration
DROP TABLE dl_activities;
DROP TABLE dl_conversations;
