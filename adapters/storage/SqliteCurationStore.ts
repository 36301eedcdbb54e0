import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CurationDecision, CurationStore } from '../console/CurationStore.js';

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

interface Row {
  key: string;
  kind: CurationDecision['kind'];
  status: CurationDecision['status'];
  text: string;
  entry_id: string | null;
  time: string;
  user: string;
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
      return new SqliteCurationStore(db);
    } catch (cause) {
      throw new Error(`SqliteCurationStore.create: cannot open "${file}"`, { cause });
    }
  }

  async decide(decision: CurationDecision): Promise<void> {
    try {
      this.db
        .prepare(
          `INSERT INTO curation_decisions (key, kind, status, text, entry_id, time, user) VALUES (@key, @kind, @status, @text, @entryId, @time, @user)
           ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, status = excluded.status, text = excluded.text,
             entry_id = excluded.entry_id, time = excluded.time, user = excluded.user`,
        )
        .run({ ...decision, entryId: decision.entryId ?? null });
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
