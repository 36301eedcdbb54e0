import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { isRecord } from '../../../knowledge/index.js';
import type { RetrievalRule } from '../../fakes/FakeRetriever.js';

/**
 * A readable conversation script (test/transcripts/*.yaml). `user …` steps send
 * an activity; `bot …`, `store has`, `retriever was asked`, `invoke responds`
 * and `answer channelData` check the replies of the last user step (or the
 * state after it).
 */
export interface Transcript {
  readonly title: string;
  readonly channel?: string;
  readonly conversationType?: 'personal' | 'channel' | 'groupChat';
  /** `scripted` (default): a FakeRetriever with `retrieval`; `real`: the production retriever over the fixture KB. */
  readonly retriever?: 'scripted' | 'real';
  readonly retrieval?: readonly RetrievalRule[];
  readonly steps: readonly unknown[];
}

export async function loadTranscript(file: string): Promise<Transcript> {
  const doc: unknown = parse(await readFile(file, 'utf8'));
  if (!isRecord(doc) || typeof doc.title !== 'string' || !Array.isArray(doc.steps)) {
    throw new Error(`${file}: a transcript needs a title and a list of steps`);
  }
  const { channel, conversationType, retriever } = doc;
  return {
    title: doc.title,
    steps: doc.steps,
    ...(typeof channel === 'string' && { channel }),
    ...((conversationType === 'personal' || conversationType === 'channel' || conversationType === 'groupChat') && { conversationType }),
    ...((retriever === 'scripted' || retriever === 'real') && { retriever }),
    retrieval: doc.retrieval === undefined ? [] : asArray(doc.retrieval).map((rule) => parseRule(rule, file)),
  };
}

function parseRule(rule: unknown, file: string): RetrievalRule {
  if (!isRecord(rule) || !isRecord(rule.ranked)) throw new Error(`${file}: a retrieval rule needs "ranked: {id: score}"`);
  const ranked: Record<string, number> = {};
  for (const [id, score] of Object.entries(rule.ranked)) {
    if (typeof score !== 'number') throw new Error(`${file}: score of "${id}" must be a number`);
    ranked[id] = score;
  }
  const { searchMs } = rule;
  if (searchMs !== undefined && (typeof searchMs !== 'number' || searchMs < 0)) throw new Error(`${file}: "searchMs" must be a number of milliseconds`);
  const timing = searchMs === undefined ? {} : { searchMs };
  if (typeof rule.query === 'string') return { query: rule.query, ranked, ...timing };
  if (typeof rule.contains === 'string') return { contains: rule.contains, ranked, ...timing };
  throw new Error(`${file}: a retrieval rule needs "query" or "contains"`);
}

export function asArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error('expected a list');
  return value;
}
