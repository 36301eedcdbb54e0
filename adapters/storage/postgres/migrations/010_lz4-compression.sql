-- Up Migration
-- The bot state documents (about 5 KB after a few turns) and long activities are stored compressed: lz4 costs the
-- backends a fraction of pglz's CPU for each write and read of them. PostgreSQL 14 or later, built with lz4 (as
-- Debian's and the official images are); on a server without it (PostgreSQL 13, or a build without lz4) this keeps
-- pglz and only says so. Only values written from now on use lz4; older ones are read as they were stored.
DO $$
BEGIN
  EXECUTE 'ALTER TABLE bot_state ALTER COLUMN document SET COMPRESSION lz4';
  EXECUTE 'ALTER TABLE dl_activities ALTER COLUMN activity SET COMPRESSION lz4';
EXCEPTION WHEN syntax_error OR feature_not_supported THEN
  RAISE NOTICE 'lz4 column compression is not available on this server (%): bot state and activities keep pglz', SQLERRM;
END $$;

-- Down Migration
DO $$
BEGIN
  EXECUTE 'ALTER TABLE bot_state ALTER COLUMN document SET COMPRESSION default';
  EXECUTE 'ALTER TABLE dl_activities ALTER COLUMN activity SET COMPRESSION default';
EXCEPTION WHEN syntax_error OR feature_not_supported THEN
  NULL;
END $$;
