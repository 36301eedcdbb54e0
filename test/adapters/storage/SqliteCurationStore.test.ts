import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openCurationStore } from '../../../adapters/storage/index.js';
import { curationStoreContract } from './curationStoreContract.js';

curationStoreContract('SQLite, through openCurationStore', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'curation-contract-'));
  const config = { questionLogDb: path.join(dir, 'questions.db') };
  return { store: await openCurationStore(config), reopen: () => openCurationStore(config), dispose: () => rm(dir, { recursive: true, force: true }) };
});
