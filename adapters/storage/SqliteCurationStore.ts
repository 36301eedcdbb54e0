import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CurationDecision, CurationStore, NewEntryText } from '../console/CurationStore.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS curation_decisions (
  key      TEXT NOT NULL PRIMARY KEY,
  kind     TEXT NOT NULL CHECK (kind IN ('proposal', 'cluster')),
  status   TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'phrasing', 'new-entry', 'out-of-scope')),
  text     TEXT NOT NULL,
  entry_id TEXT,
  time     TEXT NOT NULL,
  user     TEXT NOT NULL
);
`;
/** Added after the first release: a new entry's phrasings and answer, as JSON. */
const DRAFT_COLUMN = 'ALTER TABLE curation_decisions ADD COLUMN draft TEXT';

interface Row {
  key: string;
  kind: CurationDecision['kind'];
  status: CurationDecision['status'];
  text: string;
  entry_id: string | null;
  time: string;
  user: string;
  draft: string | null;
}

/** `CurationStore` in a table of the question log's SQLite file (its own connection; WAL lets both write). */
export class SqliteCurationStore implements CurationStore {
  private closed = false;

  private constructor(private readonly db: Database.Database) {}

  static async create(file: string): Promise<SqliteCurationStore> {
    try {
      if (file !== ':memory:') await mkdir(path.dirname(path.resolve(file)), { recursive: true });
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.exec(SCHEMA);
      const columns = db.prepare<[], { name: string }>('PRAGMA table_info(curation_decisions)').all();
      if (!columns.some((column) => column.name === 'draft')) db.exec(DRAFT_COLUMN);
      return new SqliteCurationStore(db);
    } catch (cause) {
      throw new Error(`SqliteCurationStore.create: cannot open "${file}"`, { cause });
    }
  }

  async decide(decision: CurationDecision): Promise<void> {
    try {
      this.db
        .prepare(
          `INSERT INTO curation_decisions (key, kind, status, text, entry_id, time, user, draft)
           VALUES (@key, @kind, @status, @text, @entryId, @time, @user, @draft)
           ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, status = excluded.status, text = excluded.text,
             entry_id = excluded.entry_id, time = excluded.time, user = excluded.user, draft = excluded.draft`,
        )
        .run({
          key: decision.key, kind: decision.kind, status: decision.status, text: decision.text, time: decision.time, user: decision.user,
          entryId: decision.entryId ?? null, draft: decision.draft === undefined ? null : JSON.stringify(decision.draft),
        });
    } catch (cause) {
      throw new Error('SqliteCurationStore.decide: write failed', { cause });
    }
  }

  async decisions(): Promise<CurationDecision[]> {
    try {
      return this.db
        .prepare<[], Row>('SELECT * FROM curation_decisions ORDER BY time, rowid')
        .all()
        .map((row) => ({
          key: row.key, kind: row.kind, status: row.status, text: row.text, time: row.time, user: row.user,
          ...(row.entry_id !== null && { entryId: row.entry_id }),
          ...(row.draft !== null && { draft: JSON.parse(row.draft) as NewEntryText }),
        }));
    } catch (cause) {
      throw new Error('SqliteCurationStore.decisions: query failed', { cause });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
