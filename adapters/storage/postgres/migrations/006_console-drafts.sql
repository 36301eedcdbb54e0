-- Up Migration
-- The console's new entries keep the curator's draft (phrasings, answer) with their decision, and the pages that read
-- the questions followed by one kind of event (« Propositions », unanswered exports) find them through this index.
ALTER TABLE curation_decisions ADD COLUMN draft jsonb;
CREATE INDEX question_events_kind ON question_events (kind, question_id);

-- Down Migration
DROP INDEX question_events_kind;
ALTER TABLE curation_decisions DROP COLUMN draft;
