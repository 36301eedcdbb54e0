import type { CurationDecision, CurationStore } from '../../console/CurationStore.js';
import type { SqlDatabase } from './PostgresDatabase.js';

interface Row {
  key: string;
  kind: CurationDecision['kind'];
  status: CurationDecision['status'];
  text: string;
  entry_id: string | null;
  time: Date;
  decided_by: string;
}

/** `CurationStore` in the shared PostgreSQL database (table `curation_decisions`, migration 005). */
export class PostgresCurationStore implements CurationStore {
  private closed = false;

  /** `onClose` releases what the store was opened with (a CLI's own database handle); the server's is shared. */
  constructor(
    private readonly db: SqlDatabase,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  async decide(decision: CurationDecision): Promise<void> {
    await this.db.query(
      'PostgresCurationStore.decide',
      `INSERT INTO curation_decisions (key, kind, status, text, entry_id, time, decided_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, status = excluded.status, text = excluded.text,
         entry_id = excluded.entry_id, time = excluded.time, decided_by = excluded.decided_by`,
      [decision.key, decision.kind, decision.status, decision.text, decision.entryId ?? null, new Date(decision.time), decision.user],
    );
  }

  async decisions(): Promise<CurationDecision[]> {
    const rows = await this.db.query<Row>(
      'PostgresCurationStore.decisions',
      'SELECT key, kind, status, text, entry_id, time, decided_by FROM curation_decisions ORDER BY time, seq',
    );
    return rows.map((row) => ({
      key: row.key, kind: row.kind, status: row.status, text: row.text, time: row.time.toISOString(), user: row.decided_by,
      ...(row.entry_id !== null && { entryId: row.entry_id }),
    }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.onClose();
  }
}
