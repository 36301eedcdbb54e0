/**
 * Durability benchmark: visitors vote 👍 through the built-in Direct Line endpoint while
 * `adapters/main.ts` is killed with SIGKILL mid-run; after each restart, every vote the
 * server acknowledged (HTTP 200 on the vote's POST) must be in the feedback database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createIdHasher } from '../../../bot/index.js';
import { DirectLineTestClient, type DlActivity } from '../../adapters/helpers/directLineClient.js';
import { startMainProcess } from '../../adapters/helpers/mainProcess.js';
import { loopbackAddresses } from './fuzzServer.js';

export interface KillRun {
  readonly acknowledged: number;
  readonly failedWhileDying: number;
  readonly lost: number;
  readonly killedAfterMs: number;
}

const SALT = 'kill-bench-salt';
const QUESTIONS = [
  'Le référencement au Catalogue de services est-il obligatoire ?',
  'Quand les nomenclatures NOS sont-elles mises à jour ?',
  'Comment collaborer avec l’équipe innovation de l’ANS ?',
];
const VISITORS = 12;

/** The data of the answer card's 👍 button (an Action.Submit payload), searched anywhere in the activity. */
function thumbsUp(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (!Array.isArray(value) && Reflect.get(value, 'action') === 'vote' && Reflect.get(value, 'helpful') === true) {
    return Object.fromEntries(Object.entries(value));
  }
  for (const child of Object.values(value)) {
    const found = thumbsUp(child);
    if (found) return found;
  }
  return undefined;
}

/** One visitor: asks, votes 👍 on the answer, again and again; records each vote the server acknowledged. */
async function visitor(baseUrl: string, address: string, acknowledged: string[], stop: () => boolean): Promise<number> {
  let failed = 0;
  while (!stop()) {
    try {
      const client = await DirectLineTestClient.connect(baseUrl, address);
      const question = QUESTIONS[acknowledged.length % QUESTIONS.length];
      const { watermark } = await client.pollUntil((activity) => activity.from?.role === 'bot' && activity.type === 'message');
      if ((await client.send(question)).status !== 200) continue;
      const { seen } = await client.pollUntil((activity: DlActivity) => thumbsUp(activity) !== undefined, watermark);
      const vote = seen.map(thumbsUp).find((data) => data !== undefined);
      if (!vote) continue;
      // One vote per conversation: the conversation identifies the vote in the store (as a salted hash).
      const posted = await client.call('POST', `/conversations/${client.conversationId}/activities`, { type: 'message', value: vote });
      if (posted.status === 200) acknowledged.push(client.conversationId);
      else failed += 1;
    } catch {
      // The server died under this visitor: whatever was not acknowledged does not count.
      failed += 1;
    }
  }
  return failed;
}

/** Runs `runs` kill -9 cycles on one feedback database and checks every acknowledged vote after each restart. */
export async function runKillVotesBench(options: { runs: number; workDir: string }): Promise<KillRun[]> {
  const dataDir = await mkdtemp(path.join(options.workDir, 'kill-'));
  const env = { PORT: '0', EMBEDDINGS_PROVIDER: 'none', DATA_DIR: dataDir, ID_HASH_SALT: SALT, LOG_LEVEL: 'info' };
  const hash = createIdHasher(SALT);
  const results: KillRun[] = [];
  const addresses = loopbackAddresses(3, VISITORS);
  try {
    for (let run = 0; run < options.runs; run += 1) {
      const server = await startMainProcess(env);
      const acknowledged: string[] = [];
      let dead = false;
      const visitors = addresses.map((address) => visitor(server.url, address, acknowledged, () => dead));
      const killedAfterMs = 3_000 + run * 1_500;
      await new Promise((resolve) => setTimeout(resolve, killedAfterMs));
      dead = true;
      await server.kill();
      const failedWhileDying = (await Promise.all(visitors)).reduce((sum, failed) => sum + failed, 0);

      // Restart on the same data folder (recovery of the WAL), then read what the store kept.
      const restarted = await startMainProcess(env);
      await restarted.stop();
      const db = new Database(path.join(dataDir, 'feedback.db'), { readonly: true });
      const stored = db.prepare<[], { conversation_hash: string }>(
        "SELECT conversation_hash FROM feedback_records WHERE kind = 'feedback' AND helpful = 1 AND answer_id IS NOT NULL",
      ).all();
      db.close();
      const kept = new Set(stored.map((row) => row.conversation_hash));
      const lost = acknowledged.filter((conversationId) => !kept.has(hash(conversationId))).length;
      results.push({ acknowledged: acknowledged.length, failedWhileDying, lost, killedAfterMs });
      console.log(`  kill -9 run ${run + 1}: ${acknowledged.length} votes acknowledged, ${lost} lost, ${failedWhileDying} requests cut by the kill`);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  return results;
}
