import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { answerQuestion } from '../../../embeddings/decision/answerQuestion.js';
import type { SmallTalkKind } from '../../../embeddings/decision/smallTalk.js';
import { createKbRetriever } from '../../../embeddings/index.js';
import { loadKnowledgeBase } from '../../../knowledge/index.js';

const KINDS: readonly SmallTalkKind[] = ['greeting', 'thanks', 'goodbye', 'acknowledgement', 'presence', 'identity', 'help', 'human', 'complaint', 'wait', 'language'];

interface SmallTalkTuning {
  readonly positives: readonly { readonly q: string; readonly kind: SmallTalkKind }[];
  readonly negatives: readonly { readonly q: string }[];
}

function isKind(value: unknown): value is SmallTalkKind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

/** The blind small-talk tuning list (test/eval/smalltalk-tuning.yaml), checked for shape before any case runs. */
function loadTuning(): SmallTalkTuning {
  const file = join(import.meta.dirname, '../../eval/smalltalk-tuning.yaml');
  const data: unknown = parse(readFileSync(file, 'utf8'));
  const items = (key: string): unknown[] => {
    const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
    if (!Array.isArray(value)) throw new Error(`loadTuning: ${file} must have a "${key}" list`);
    return value;
  };
  const question = (item: unknown): item is { q: string; kind?: unknown } =>
    typeof item === 'object' && item !== null && typeof (item as { q?: unknown }).q === 'string';
  const positives = items('positives').map((item) => {
    if (!question(item) || !isKind(item.kind)) throw new Error(`loadTuning: positive ${JSON.stringify(item)} needs q and a kind among ${KINDS.join('|')}`);
    return { q: item.q, kind: item.kind };
  });
  const negatives = items('negatives').map((item) => {
    if (!question(item)) throw new Error(`loadTuning: negative ${JSON.stringify(item)} needs q`);
    return { q: item.q };
  });
  return { positives, negatives };
}

const tuning = loadTuning();
// The bot's own path: small talk with a few other words is confirmed against this KB's vocabulary.
const kb = await loadKnowledgeBase(join(import.meta.dirname, '../../../knowledge/data'));
const { retriever } = await createKbRetriever({ kb, mode: 'lexical' });
const talkOf = async (text: string): Promise<SmallTalkKind | undefined> => {
  const answer = await answerQuestion(retriever, text);
  return answer.kind === 'smallTalk' ? answer.talk : undefined;
};

describe('small talk on the blind small-talk tuning list, through answerQuestion with the KB', () => {
  it('holds enough positives of every kind the issue names, and enough negatives', () => {
    expect(tuning.positives.length).toBeGreaterThanOrEqual(80);
    expect(tuning.negatives.length).toBeGreaterThanOrEqual(30);
    const kinds = new Set(tuning.positives.map((item) => item.kind));
    for (const kind of ['greeting', 'thanks', 'goodbye', 'help', 'complaint', 'acknowledgement'] as const) expect(kinds.has(kind), kind).toBe(true);
  });

  it.each(tuning.positives.map((item) => [item.q, item.kind]))('« %s » is %s', async (text, kind) => {
    expect(await talkOf(text)).toBe(kind);
  });

  it.each(tuning.negatives.map((item) => [item.q]))('« %s » is a question, searched as such', async (text) => {
    expect(await talkOf(text)).toBeUndefined();
  });
});
