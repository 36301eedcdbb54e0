/**
 * Several server processes (`adapters/main.ts`, as `npm start` runs it) on one PostgreSQL
 * schema, behind a {@link RoundRobinProxy}: what the multi-instance test and
 * `npm run bench -- --instances` run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { answerQuestion, createKbRetriever } from '../../../embeddings/index.js';
import { loadKnowledgeBase } from '../../../knowledge/index.js';
import { startMainProcess, type MainProcess } from '../helpers/mainProcess.js';
import { RoundRobinProxy } from './RoundRobinProxy.js';

/** Connections per pool of each instance (the query pool and the turn-lock pool each have this many). */
export const DEFAULT_CLUSTER_POOL_SIZE = 8;
export const CLUSTER_SALT = 'multi-instance-salt';
const TOKEN_SECRET = 'multi-instance-token-secret-0123456789abcdef';

export interface Cluster {
  readonly instances: MainProcess[];
  readonly proxy: RoundRobinProxy;
  stop(): Promise<void>;
}

/**
 * `database` undefined: the embedded default (one instance only: SQLite and memory are per process).
 * `nodeArgs` go before `npm start`'s flags (the bench's profiler and statement counter); `root` is the
 * checkout whose server runs (default: this one).
 */
export async function startCluster(
  count: number,
  database?: { url: string; schema: string; poolSize?: number },
  nodeArgs: readonly string[] = [],
  root?: string,
): Promise<Cluster> {
  if (database === undefined && count > 1) throw new Error('startCluster: several instances need PostgreSQL');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'multi-instance-'));
  const env: Record<string, string> = {
    PORT: '0', EMBEDDINGS_PROVIDER: 'none', DATA_DIR: dataDir, LOG_LEVEL: 'info', ID_HASH_SALT: CLUSTER_SALT,
    DIRECT_LINE_TOKEN_SECRET: TOKEN_SECRET, TRUSTED_PROXIES: '127.0.0.1',
    ...(database && { DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema, DATABASE_POOL_SIZE: String(database.poolSize ?? DEFAULT_CLUSTER_POOL_SIZE) }),
  };
  // One at a time: the first applies the migrations (the others would wait on their lock anyway).
  const instances: MainProcess[] = [];
  for (let i = 0; i < count; i += 1) instances.push(await startMainProcess(env, undefined, nodeArgs, root));
  const proxy = await RoundRobinProxy.start(instances.map((instance) => instance.url));
  return {
    instances,
    proxy,
    stop: async () => {
      await proxy.close();
      await Promise.all(instances.filter((instance) => instance.alive()).map((instance) => instance.stop()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `count` questions the bot answers directly (with the 👍/👎 buttons) with `count` different entries:
 * entries' own questions, kept when the lexical retrieval the servers run answers them with that entry.
 */
export async function faqQuestions(count: number): Promise<string[]> {
  const kb = await loadKnowledgeBase('knowledge/data');
  const { retriever } = await createKbRetriever({ kb, mode: 'lexical' });
  const questions: string[] = [];
  for (const entry of kb.entries) {
    const result = await answerQuestion(retriever, entry.question);
    if (result.kind === 'answer' && result.best.entry.id === entry.id) questions.push(entry.question);
    if (questions.length === count) return questions;
  }
  throw new Error(`faqQuestions: only ${questions.length} entries are answered directly by their own question`);
}
