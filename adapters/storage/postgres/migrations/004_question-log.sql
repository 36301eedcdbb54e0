-- Up Migration
-- The question log the console reads (QuestionLogStore), as in the embedded SQLite store (questionLogSql.ts). `day` is
-- the Europe/Paris day, written by the store at insert. The overview reads daily rollups (question_days, entry_days)
-- that triggers keep in step with every write, so its cost does not grow with the log; `helpful` (the question's last
-- vote) and `answer_entry` are denormalised from the events for the same reason. The rollups' text columns sort
-- bytewise (COLLATE "C"), as SQLite does, whatever the database's locale. Facets and candidates are `json`, not
-- `jsonb`: kept as written (key order, numbers), as SQLite gives them back (pickCounts reads candidates as json).
CREATE TABLE questions (
  seq               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id                text        NOT NULL UNIQUE,
  time              timestamptz NOT NULL,
  day               text        COLLATE "C" NOT NULL,
  channel           text        COLLATE "C" NOT NULL,
  kb_version        text        COLLATE "C" NOT NULL,
  conversation_hash text        NOT NULL,
  source            text        NOT NULL CHECK (source IN ('typed', 'triage')),
  text              text        NOT NULL,
  facets            json        NOT NULL,
  decision          text        NOT NULL CHECK (decision IN ('answer', 'clarify', 'none', 'list', 'empty')),
  candidates        json        NOT NULL,
  answer_entry      text,
  helpful           boolean
);
CREATE INDEX questions_time ON questions (time, seq);
CREATE INDEX questions_decision ON questions (decision, time);

CREATE TABLE question_events (
  seq         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  question_id text        NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  time        timestamptz NOT NULL,
  kind        text        NOT NULL CHECK (kind IN ('clicked', 'voted', 'commented', 'rejected', 'rephrased')),
  entry_id    text,
  helpful     boolean,
  vote_key    text,
  comment     text
);
CREATE INDEX question_events_question ON question_events (question_id, seq);
CREATE UNIQUE INDEX question_events_vote ON question_events (vote_key) WHERE kind = 'voted';

CREATE TABLE question_days (
  day text COLLATE "C" NOT NULL, channel text COLLATE "C" NOT NULL, kb_version text COLLATE "C" NOT NULL,
  questions integer NOT NULL, answered integer NOT NULL, clarified integer NOT NULL, declined integer NOT NULL,
  up integer NOT NULL, down integer NOT NULL,
  PRIMARY KEY (day, channel, kb_version)
);
CREATE TABLE entry_days (
  day text COLLATE "C" NOT NULL, channel text COLLATE "C" NOT NULL, kb_version text COLLATE "C" NOT NULL,
  entry_id text COLLATE "C" NOT NULL,
  shown integer NOT NULL, up integer NOT NULL, down integer NOT NULL, comments integer NOT NULL,
  PRIMARY KEY (day, channel, kb_version, entry_id)
);

-- Once per INSERT statement (a batch of 10,000 questions makes one upsert per day, not one per question). Rows are
-- upserted in key order, so two instances writing the same days never deadlock.
CREATE FUNCTION questions_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO question_days AS d (day, channel, kb_version, questions, answered, clarified, declined, up, down)
  SELECT day, channel, kb_version, count(*), count(*) FILTER (WHERE decision = 'answer'),
         count(*) FILTER (WHERE decision IN ('clarify', 'list')), count(*) FILTER (WHERE decision IN ('none', 'empty')), 0, 0
  FROM inserted GROUP BY day, channel, kb_version ORDER BY day, channel, kb_version
  ON CONFLICT (day, channel, kb_version) DO UPDATE SET questions = d.questions + excluded.questions,
    answered = d.answered + excluded.answered, clarified = d.clarified + excluded.clarified, declined = d.declined + excluded.declined;
  INSERT INTO entry_days AS d (day, channel, kb_version, entry_id, shown, up, down, comments)
  SELECT day, channel, kb_version, answer_entry, count(*), 0, 0, 0
  FROM inserted WHERE answer_entry IS NOT NULL
  GROUP BY day, channel, kb_version, answer_entry ORDER BY day, channel, kb_version, answer_entry
  ON CONFLICT (day, channel, kb_version, entry_id) DO UPDATE SET shown = d.shown + excluded.shown;
  RETURN NULL;
END $$;
CREATE TRIGGER questions_rollup AFTER INSERT ON questions REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION questions_rollup();

CREATE FUNCTION questions_vote_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE question_days
  SET up = up + (NEW.helpful IS TRUE)::int - (OLD.helpful IS TRUE)::int,
      down = down + (NEW.helpful IS FALSE)::int - (OLD.helpful IS FALSE)::int
  WHERE day = NEW.day AND channel = NEW.channel AND kb_version = NEW.kb_version;
  RETURN NULL;
END $$;
CREATE TRIGGER questions_vote_rollup AFTER UPDATE OF helpful ON questions
  FOR EACH ROW WHEN (OLD.helpful IS DISTINCT FROM NEW.helpful) EXECUTE FUNCTION questions_vote_rollup();

-- A click, vote or comment on an entry counts for it on its question's day; a replaced vote is taken back.
CREATE FUNCTION question_events_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  e question_events;
  direction integer;
BEGIN
  IF TG_OP = 'INSERT' THEN e := NEW; direction := 1; ELSE e := OLD; direction := -1; END IF;
  INSERT INTO entry_days AS d (day, channel, kb_version, entry_id, shown, up, down, comments)
  SELECT q.day, q.channel, q.kb_version, e.entry_id, direction * (e.kind = 'clicked')::int,
         direction * (e.kind = 'voted' AND e.helpful IS TRUE)::int, direction * (e.kind = 'voted' AND e.helpful IS FALSE)::int,
         direction * (e.kind = 'commented')::int
  FROM questions q WHERE q.id = e.question_id
  ON CONFLICT (day, channel, kb_version, entry_id) DO UPDATE SET shown = d.shown + excluded.shown, up = d.up + excluded.up,
    down = d.down + excluded.down, comments = d.comments + excluded.comments;
  RETURN NULL;
END $$;
CREATE TRIGGER question_events_rollup AFTER INSERT ON question_events
  FOR EACH ROW WHEN (NEW.entry_id IS NOT NULL AND NEW.kind IN ('clicked', 'voted', 'commented'))
  EXECUTE FUNCTION question_events_rollup();
CREATE TRIGGER question_events_unroll AFTER DELETE ON question_events
  FOR EACH ROW WHEN (OLD.entry_id IS NOT NULL AND OLD.kind IN ('clicked', 'voted', 'commented'))
  EXECUTE FUNCTION question_events_rollup();

-- QuestionLogStore.recordEvent's rules in one round trip (the seed script sends 10,000 events per statement): a
-- comment named by its vote key goes to that vote's question and entry; an event about an unknown question is dropped
-- (false); a vote replaces the earlier vote with its key and becomes the question's last vote. Should two instances
-- record the same vote key at once (the turn gate makes it unlikely), the first to commit stays, whole.
CREATE FUNCTION record_question_event(
  p_question_id text, p_time timestamptz, p_kind text, p_entry_id text, p_helpful boolean, p_vote_key text, p_comment text
) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  v_question_id text := p_question_id;
  v_entry_id text := p_entry_id;
BEGIN
  IF p_kind = 'commented' AND v_question_id IS NULL AND p_vote_key IS NOT NULL THEN
    SELECT e.question_id, coalesce(p_entry_id, e.entry_id) INTO v_question_id, v_entry_id
    FROM question_events e WHERE e.kind = 'voted' AND e.vote_key = p_vote_key;
  END IF;
  IF v_question_id IS NULL OR NOT EXISTS (SELECT 1 FROM questions WHERE id = v_question_id) THEN
    RETURN false;
  END IF;
  IF p_kind = 'voted' AND p_vote_key IS NOT NULL THEN
    DELETE FROM question_events WHERE kind = 'voted' AND vote_key = p_vote_key;
  END IF;
  INSERT INTO question_events (question_id, time, kind, entry_id, helpful, vote_key, comment)
  VALUES (v_question_id, p_time, p_kind, v_entry_id, p_helpful, p_vote_key, p_comment)
  ON CONFLICT (vote_key) WHERE kind = 'voted' DO NOTHING;
  IF NOT FOUND THEN
    RETURN true;
  END IF;
  IF p_kind = 'voted' THEN
    UPDATE questions SET helpful = p_helpful WHERE id = v_question_id;
  END IF;
  RETURN true;
END $$;

-- Down Migration
DROP FUNCTION record_question_event(text, timestamptz, text, text, boolean, text, text);
DROP TABLE entry_days;
DROP TABLE question_days;
DROP TABLE question_events;
DROP TABLE questions;
DROP FUNCTION question_events_rollup();
DROP FUNCTION questions_vote_rollup();
DROP FUNCTION questions_rollup();
