-- Up Migration
-- The daily rollups of migration 004 became hot rows: every question's insert (and every vote) updated the one
-- question_days row of its day, channel and KB version, so concurrent turns on every instance queued on that row's
-- lock until each turn's transaction ended. The triggers now append deltas (no unique key, no index: an insert
-- never waits for another), the store sums rollup + deltas on read, and compact_question_rollups folds deltas into
-- the rollups in bounded batches (the console's reads and a periodic timer call it). A compaction deletes the
-- deltas it folds and upserts their sums in one statement, so a reader's snapshot sees each delta exactly once:
-- either still a delta or already in its rollup. Compactions running at once take disjoint deltas (SKIP LOCKED)
-- and upsert in key order (no deadlock); they never lock a row a turn writes.
CREATE TABLE question_day_deltas (
  day text COLLATE "C" NOT NULL, channel text COLLATE "C" NOT NULL, kb_version text COLLATE "C" NOT NULL,
  questions integer NOT NULL, answered integer NOT NULL, clarified integer NOT NULL, declined integer NOT NULL,
  up integer NOT NULL, down integer NOT NULL
);
CREATE TABLE entry_day_deltas (
  day text COLLATE "C" NOT NULL, channel text COLLATE "C" NOT NULL, kb_version text COLLATE "C" NOT NULL,
  entry_id text COLLATE "C" NOT NULL,
  shown integer NOT NULL, up integer NOT NULL, down integer NOT NULL, comments integer NOT NULL
);

CREATE OR REPLACE FUNCTION questions_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO question_day_deltas (day, channel, kb_version, questions, answered, clarified, declined, up, down)
  SELECT day, channel, kb_version, count(*), count(*) FILTER (WHERE decision = 'answer'),
         count(*) FILTER (WHERE decision IN ('clarify', 'list')), count(*) FILTER (WHERE decision IN ('none', 'empty')), 0, 0
  FROM inserted GROUP BY day, channel, kb_version;
  INSERT INTO entry_day_deltas (day, channel, kb_version, entry_id, shown, up, down, comments)
  SELECT day, channel, kb_version, answer_entry, count(*), 0, 0, 0
  FROM inserted WHERE answer_entry IS NOT NULL GROUP BY day, channel, kb_version, answer_entry;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION questions_vote_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO question_day_deltas (day, channel, kb_version, questions, answered, clarified, declined, up, down)
  VALUES (NEW.day, NEW.channel, NEW.kb_version, 0, 0, 0, 0,
          (NEW.helpful IS TRUE)::int - (OLD.helpful IS TRUE)::int, (NEW.helpful IS FALSE)::int - (OLD.helpful IS FALSE)::int);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION question_events_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  e question_events;
  direction integer;
BEGIN
  IF TG_OP = 'INSERT' THEN e := NEW; direction := 1; ELSE e := OLD; direction := -1; END IF;
  INSERT INTO entry_day_deltas (day, channel, kb_version, entry_id, shown, up, down, comments)
  SELECT q.day, q.channel, q.kb_version, e.entry_id, direction * (e.kind = 'clicked')::int,
         direction * (e.kind = 'voted' AND e.helpful IS TRUE)::int, direction * (e.kind = 'voted' AND e.helpful IS FALSE)::int,
         direction * (e.kind = 'commented')::int
  FROM questions q WHERE q.id = e.question_id;
  RETURN NULL;
END $$;

-- Folds at most p_limit deltas of each table into the rollups; returns how many it folded (fewer than 2 × p_limit:
-- nothing was left). Each statement is atomic: the deltas it deletes and the sums it adds commit together.
CREATE FUNCTION compact_question_rollups(p_limit integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  days_folded integer;
  entries_folded integer;
BEGIN
  WITH taken AS (
    DELETE FROM question_day_deltas
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM question_day_deltas LIMIT p_limit FOR UPDATE SKIP LOCKED))
    RETURNING *
  ), summed AS (
    SELECT day, channel, kb_version, sum(questions) AS questions, sum(answered) AS answered, sum(clarified) AS clarified,
           sum(declined) AS declined, sum(up) AS up, sum(down) AS down, count(*) AS deltas
    FROM taken GROUP BY day, channel, kb_version
  ), folded AS (
    INSERT INTO question_days AS d (day, channel, kb_version, questions, answered, clarified, declined, up, down)
    SELECT day, channel, kb_version, questions, answered, clarified, declined, up, down FROM summed
    ORDER BY day, channel, kb_version
    ON CONFLICT (day, channel, kb_version) DO UPDATE SET questions = d.questions + excluded.questions,
      answered = d.answered + excluded.answered, clarified = d.clarified + excluded.clarified,
      declined = d.declined + excluded.declined, up = d.up + excluded.up, down = d.down + excluded.down
  )
  SELECT coalesce(sum(deltas), 0) INTO days_folded FROM summed;
  WITH taken AS (
    DELETE FROM entry_day_deltas
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM entry_day_deltas LIMIT p_limit FOR UPDATE SKIP LOCKED))
    RETURNING *
  ), summed AS (
    SELECT day, channel, kb_version, entry_id, sum(shown) AS shown, sum(up) AS up, sum(down) AS down, sum(comments) AS comments,
           count(*) AS deltas
    FROM taken GROUP BY day, channel, kb_version, entry_id
  ), folded AS (
    INSERT INTO entry_days AS d (day, channel, kb_version, entry_id, shown, up, down, comments)
    SELECT day, channel, kb_version, entry_id, shown, up, down, comments FROM summed
    ORDER BY day, channel, kb_version, entry_id
    ON CONFLICT (day, channel, kb_version, entry_id) DO UPDATE SET shown = d.shown + excluded.shown, up = d.up + excluded.up,
      down = d.down + excluded.down, comments = d.comments + excluded.comments
  )
  SELECT coalesce(sum(deltas), 0) INTO entries_folded FROM summed;
  RETURN days_folded + entries_folded;
END $$;

-- What was rolled up before this migration stays in the rollups; nothing to move.

-- Down Migration
-- Every delta folded first, then migration 004's triggers back (upserting the hot rows).
SELECT compact_question_rollups(2147483647);
DROP FUNCTION compact_question_rollups(integer);
CREATE OR REPLACE FUNCTION questions_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE OR REPLACE FUNCTION questions_vote_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE question_days
  SET up = up + (NEW.helpful IS TRUE)::int - (OLD.helpful IS TRUE)::int,
      down = down + (NEW.helpful IS FALSE)::int - (OLD.helpful IS FALSE)::int
  WHERE day = NEW.day AND channel = NEW.channel AND kb_version = NEW.kb_version;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION question_events_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
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
DROP TABLE entry_day_deltas;
DROP TABLE question_day_deltas;
