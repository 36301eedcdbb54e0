/**
 * `npm run --silent feedback -- [--json] [--db <file>]`: prints every stored
 * feedback and unanswered-question record, oldest first. `--json` prints one
 * JSON object per line (for jq and spreadsheets); otherwise a readable table.
 * The store is the configured one (PostgreSQL when DATABASE_URL is set, else the SQLite file
 * FEEDBACK_DB), unless `--db` names a SQLite file.
 */
import type { FeedbackRecord } from '../../bot/index.js';
import { isMainModule } from '../../knowledge/index.js';
import { ConfigError, loadConfig } from '../config.js';
import { openExistingFeedbackStore, type FeedbackStoreConfig } from '../storage/index.js';

/** Width of the question and comment columns of the table. */
const QUESTION_WIDTH = 60;
const COMMENT_WIDTH = 40;

/** Parsed arguments of `npm run feedback`. */
export interface FeedbackCliOptions {
  readonly json: boolean;
  readonly db?: string;
}

export type ParsedArgs = { readonly kind: 'ok'; readonly options: FeedbackCliOptions } | { readonly kind: 'error'; readonly message: string };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let json = false;
  let db: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--db') {
      db = argv[++i];
      if (!db) return { kind: 'error', message: '--db needs a file path' };
    } else if (arg.startsWith('--db=')) db = arg.slice('--db='.length);
    else return { kind: 'error', message: `unknown argument "${arg}" (usage: feedback [--json] [--db <file>])` };
  }
  return { kind: 'ok', options: { json, ...(db !== undefined && { db }) } };
}

/** One JSON line per record, fields in a stable order. */
export function formatJsonLines(records: readonly FeedbackRecord[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n');
}

/** A fixed-width table for people reading in a terminal. */
export function formatTable(records: readonly FeedbackRecord[]): string {
  if (records.length === 0) return 'No feedback recorded yet.';
  const header = ['time', 'kind', 'vote', 'answer', 'score', 'rank', 'channel', 'question', 'comment'];
  const rows = records.map((r) => [
    r.time,
    r.kind,
    r.helpful === undefined ? '-' : r.helpful ? 'up' : 'down',
    r.answerId ?? '-',
    r.score === undefined ? '-' : r.score.toFixed(2),
    r.rank === undefined ? '-' : String(r.rank),
    r.channel,
    clip(r.question, QUESTION_WIDTH),
    clip(r.comment ?? '', COMMENT_WIDTH),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Runs the CLI; returns the exit code. */
export async function runFeedbackCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'error') {
    err(parsed.message);
    return 2;
  }
  let storeConfig: FeedbackStoreConfig = { feedbackDb: parsed.options.db ?? '' };
  if (parsed.options.db === undefined) {
    try {
      const config = loadConfig(env, { purpose: 'store-tool' });
      storeConfig = { feedbackDb: config.feedbackDb, database: config.database };
    } catch (error) {
      if (error instanceof ConfigError) {
        err(error.message);
        return 1;
      }
      throw error;
    }
  }
  // The store the server writes to (PostgreSQL with DATABASE_URL, else the SQLite file), through the same factory;
  // reading must not create an empty SQLite file.
  const store = await openExistingFeedbackStore(storeConfig);
  if (!store) {
    if (!parsed.options.json) out(`No feedback database at ${storeConfig.feedbackDb} yet.`);
    return 0;
  }
  try {
    const records = await store.list();
    const text = parsed.options.json ? formatJsonLines(records) : formatTable(records);
    if (text !== '') out(text);
    return 0;
  } finally {
    await store.close();
  }
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

if (isMainModule(import.meta.url)) {
  runFeedbackCli(process.argv.slice(2), process.env, (t) => process.stdout.write(`${t}\n`), (t) => process.stderr.write(`${t}\n`)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`feedback: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
