import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCurationStore } from '../../../adapters/storage/index.js';
import { curationStoreContract } from './curationStoreContract.js';

curationStoreContract('SQLite, through openCurationStore', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'curation-contract-'));
  const config = { questionLogDb: path.join(dir, 'questions.db') };
  return { store: await openCurationStore(config), reopen: () => openCurationStore(config), dispose: () => rm(dir, { recursive: true, force: true }) };
});

describe('SqliteCurationStore', () => {
  it('adds the draft column to a table made before it existed, keeping its decisions', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'curation-'));
    const file = path.join(dir, 'questions.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE curation_decisions (key TEXT NOT NULL PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, text TEXT NOT NULL,
      entry_id TEXT, time TEXT NOT NULL, user TEXT NOT NULL)`);
    db.prepare("INSERT INTO curation_decisions VALUES ('k', 'cluster', 'out-of-scope', 'carte CPS', NULL, '2026-04-01T10:00:00.000Z', 'admin')").run();
    db.close();
    const store = await openCurationStore({ questionLogDb: file });
    expect(await store.decisions()).toEqual([{ key: 'k', kind: 'cluster', status: 'out-of-scope', text: 'carte CPS', time: '2026-04-01T10:00:00.000Z', user: 'admin' }]);
    await store.decide({ key: 'n', kind: 'cluster', status: 'new-entry', text: 'q', time: '2026-04-01T11:00:00.000Z', user: 'admin', draft: { phrasings: ['q'] } });
    expect((await store.decisions())[1].draft).toEqual({ phrasings: ['q'] });
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
});
