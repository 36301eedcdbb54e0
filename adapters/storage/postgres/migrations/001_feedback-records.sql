-- Up Migration
-- Votes and unanswered questions (FeedbackStore), as in the embedded SQLite store.
CREATE TABLE feedback_records (
  seq               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind              text             NOT NULL CHECK (kind IN ('feedback', 'unanswered')),
  vote_key          text             UNIQUE,
  time              timestamptz      NOT NULL,
  channel           text             NOT NULL,
  user_hash         text             NOT NULL,
  conversation_hash text             NOT NULL,
  question          text             NOT NULL,
  answer_id         text,
  score             double precision,
  rank              integer,
  kb_version        text             NOT NULL,
  helpful           boolean,
  comment           text
);
CREATE INDEX feedback_records_time ON feedback_records (time, seq);

-- Down Migration
DROP TABLE feedback_records;
