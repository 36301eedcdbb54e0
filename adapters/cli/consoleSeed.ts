/**
 * `npm run console:seed -- N [--days D] [--db FILE]`: adds N plausible questions
 * (with clicks, votes and comments) spread over the last D days (default 90) to
 * the configured question log (PostgreSQL when DATABASE_URL is set, else the SQLite
 * file QUESTION_LOG_DB), or to the SQLite file --db names, for a demonstration or
 * the console bench. The KB's own phrasings are the questions.
 */
import type { QuestionLogStore } from '../../bot/index.js';
import { isMainModule, loadKnowledgeBase, type FaqEntry } from '../../knowledge/index.js';
import { seedQuestions } from '../console/seedQuestions.js';
import { ConfigError, loadConfig, type AppConfig } from '../config.js';
import { openQuestionLogStore, type QuestionLogStoreConfig } from '../storage/index.js';

const SEED_BATCH = 10_000;

export interface SeedArgs {
  readonly count: number;
  readonly days: number;
  readonly db?: string;
}

export function parseSeedArgs(argv: readonly string[]): SeedArgs | { error: string } {
  const usage = 'usage: console:seed -- N [--days D] [--db FILE]';
  let count: number | undefined;
  let days = 90;
  let db: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--days') days = Number(argv[++i]);
    else if (arg === '--db') db = argv[++i];
    else if (/^\d+$/.test(arg)) count = Number(arg);
    else return { error: `unknown argument "${arg}" (${usage})` };
  }
  if (count === undefined || count < 1) return { error: `how many questions? (${usage})` };
  if (!Number.isInteger(days) || days < 1) return { error: `--days must be a whole number of days (${usage})` };
  if (db === '') return { error: `--db needs a file path (${usage})` };
  return { count, days, ...(db !== undefined && { db }) };
}

/** Writes the seeded questions and their events through the store interface, 10,000 a transaction; returns the event count. */
export async function seedLog(store: QuestionLogStore, entries: readonly FaqEntry[], options: { count: number; days: number; kbVersion: string; now: Date }): Promise<number> {
  const { questions, events } = seedQuestions(entries, options);
  for (let i = 0; i < questions.length; i += SEED_BATCH) await store.recordBatch(questions.slice(i, i + SEED_BATCH), []);
  for (let i = 0; i < events.length; i += SEED_BATCH) await store.recordBatch([], events.slice(i, i + SEED_BATCH));
  return events.length;
}

/** Runs the CLI; returns the exit code. */
export async function runSeedCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const args = parseSeedArgs(argv);
  if ('error' in args) {
    err(args.error);
    return 2;
  }
  let config: AppConfig;
  try {
    config = loadConfig(env, { purpose: 'store-tool' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    err(error.message);
    return 1;
  }
  const kb = await loadKnowledgeBase(config.kbDir);
  // The log the server and the console use, unless --db names a SQLite file.
  const target: QuestionLogStoreConfig = args.db !== undefined ? { questionLogDb: args.db } : { questionLogDb: config.questionLogDb, database: config.database };
  const where = target.database ? `PostgreSQL (schema ${target.database.schema})` : target.questionLogDb;
  const store = await openQuestionLogStore(target);
  const started = performance.now();
  try {
    const events = await seedLog(store, kb.entries, { count: args.count, days: args.days, kbVersion: kb.version, now: new Date() });
    out(`${args.count} questions and ${events} events added to ${where} in ${Math.round(performance.now() - started)} ms`);
    return 0;
  } finally {
    await store.close();
  }
}

if (isMainModule(import.meta.url)) {
  runSeedCli(process.argv.slice(2), process.env, (t) => process.stdout.write(`${t}\n`), (t) => process.stderr.write(`${t}\n`)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
