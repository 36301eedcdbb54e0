/**
 * The cost of `synchronous = FULL` in the feedback store: the real SqliteFeedbackStore
 * records the same votes with FULL (what it uses) and with NORMAL (WAL's default, which
 * can lose the last commits on a power cut), on a file of the project's disk.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteFeedbackStore } from '../../adapters/storage/SqliteFeedbackStore.js';
import { percentile } from '../eval/metrics.js';

export interface DurabilityCost {
  readonly mode: 'FULL' | 'NORMAL';
  readonly votes: number;
  readonly msPerVoteP50: number;
  readonly msPerVoteP95: number;
  readonly votesPerSecond: number;
}

const VOTES = 1_000;
const PASSES = 3;

/** Runs `work` with the store's `synchronous = FULL` turned into `mode` (NORMAL only for this measurement). */
async function withSynchronous<T>(mode: 'FULL' | 'NORMAL', work: () => Promise<T>): Promise<T> {
  if (mode === 'FULL') return work();
  // Called only through `.call(this, …)` below, and put back afterwards: the method is never used unbound.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const original = Database.prototype.pragma;
  Database.prototype.pragma = function pragma(this: Database.Database, source: string, options?: Database.PragmaOptions) {
    return original.call(this, source === 'synchronous = FULL' ? 'synchronous = NORMAL' : source, options);
  };
  try {
    return await work();
  } finally {
    Database.prototype.pragma = original;
  }
}

async function measure(mode: 'FULL' | 'NORMAL', dir: string, pass: number): Promise<number[]> {
  return withSynchronous(mode, async () => {
    const store = await SqliteFeedbackStore.create(path.join(dir, `votes-${mode}-${pass}.db`));
    const samples: number[] = [];
    for (let i = 0; i < VOTES; i += 1) {
      const start = performance.now();
      await store.recordFeedback({
        kind: 'feedback', voteKey: `bench-${i}`, time: new Date().toISOString(), channel: 'directline', userHash: 'u'.repeat(32),
        conversationHash: 'c'.repeat(32), question: 'Le référencement est-il obligatoire ?', answerId: 'mes-referencement-obligatoire',
        score: 0.8, rank: 1, kbVersion: 'bench', helpful: i % 3 !== 0,
      });
      samples.push(performance.now() - start);
    }
    await store.close();
    return samples;
  });
}

/** FULL and NORMAL, interleaved over a few passes so that disk noise hits both alike. */
export async function measureDurabilityCost(workDir: string): Promise<DurabilityCost[]> {
  const dir = await mkdtemp(path.join(workDir, 'sqlite-durability-'));
  const samples: Record<'FULL' | 'NORMAL', number[]> = { FULL: [], NORMAL: [] };
  try {
    for (let pass = 0; pass < PASSES; pass += 1) {
      for (const mode of ['NORMAL', 'FULL'] as const) samples[mode].push(...(await measure(mode, dir, pass)));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return (['NORMAL', 'FULL'] as const).map((mode) => {
    const all = samples[mode];
    const total = all.reduce((sum, ms) => sum + ms, 0);
    return { mode, votes: all.length, msPerVoteP50: percentile(all, 50), msPerVoteP95: percentile(all, 95), votesPerSecond: (all.length / total) * 1000 };
  });
}
