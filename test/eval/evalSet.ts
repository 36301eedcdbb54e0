import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { ASKED_KINDS, entryPhrasings, foldPhrasing, isRecord, OFF_TOPIC_KINDS, type AskedKind, type KnowledgeBase, type OffTopicKind } from '../../knowledge/index.js';
import { withoutSet } from './withoutSet.js';

/** Folder of the questions vendors asked, labelled by the FAQ team: phrasings of the KB, and the tuning sets. */
export const ASKED_FOLDER = 'knowledge/data/asked';
/**
 * The tuning sets, each written blind by a different writer: the only sets anything is fitted on. They are
 * files of the KB's asked folder, so each is scored by a KB without its questions (withoutSet.ts). Adding a set:
 * drop its file in ASKED_FOLDER and list it here.
 */
export const TUNING_SETS: readonly string[] = ['tuning-v2.yaml', 'tuning-v3.yaml', 'tuning-v4.yaml', 'tuning-v5.yaml', 'tuning-v6.yaml', 'tuning-v7.yaml', 'tuning-v8.yaml'].map((name) => `${ASKED_FOLDER}/${name}`);
/** Written blind and never tuned on, never in the KB: its outcomes are the figures reported, and the quality gate's reference. */
export const HELD_OUT_SET = 'test/eval/heldout-v2.yaml';

/** Kinds of answerable questions in the v2 sets (the v1 sets have none). */
export const IN_SCOPE_KINDS = ASKED_KINDS;
export type InScopeKind = AskedKind;
/** Out-of-scope kinds: `near` uses the FAQ's own words but asks what no answer says; `far` is off-topic. */
export const OUT_OF_SCOPE_KINDS = OFF_TOPIC_KINDS;
export type OutOfScopeKind = OffTopicKind;

export interface EvalSet {
  readonly inScope: readonly { readonly q: string; readonly id: string; readonly kind?: InScopeKind }[];
  readonly outOfScope: readonly { readonly q: string; readonly kind?: OutOfScopeKind }[];
  /** Greetings, thanks, help requests, insults: a kind reply, never an answer nor an unanswered question. */
  readonly smallTalk?: readonly { readonly q: string }[];
}

/**
 * Reads the labelled set and fails loudly on a label the KB does not have, or on a question the KB that scores
 * it (`withoutSet(kb, set)`) still holds: one of our own phrasings copied from it is not a fair test.
 */
export async function loadEvalSet(file: string, kb: KnowledgeBase): Promise<EvalSet> {
  const data: unknown = parse(await readFile(file, 'utf8'));
  if (!isEvalSet(data)) throw new Error(`loadEvalSet: ${file} must have inScope: [{q, id, kind?}], outOfScope: [{q, kind?}] and optionally smallTalk: [{q}] (kinds: ${IN_SCOPE_KINDS.join('|')}; ${OUT_OF_SCOPE_KINDS.join('|')})`);
  const ids = new Set(kb.entries.map((entry) => entry.id));
  const unknown = data.inScope.filter((item) => !ids.has(item.id)).map((item) => item.id);
  if (unknown.length > 0) throw new Error(`loadEvalSet: unknown entry ids in ${file}: ${[...new Set(unknown)].join(', ')}`);
  const kbTexts = new Set(withoutSet(kb, data).entries.flatMap(entryPhrasings).map(foldPhrasing));
  const copied = data.inScope.filter((item) => kbTexts.has(foldPhrasing(item.q))).map((item) => item.q);
  if (copied.length > 0) throw new Error(`loadEvalSet: questions copied from the KB (not a fair test): ${copied.join(' | ')}`);
  return data;
}

/**
 * The entries no in-scope question of the set is labelled with: their retrieval is not measured, so
 * `npm run eval` warns about them (a new FAQ entry needs its evaluation questions too).
 */
export function entriesNotAsked(set: EvalSet, kb: Pick<KnowledgeBase, 'entries'>): string[] {
  const asked = new Set(set.inScope.map((item) => item.id));
  return kb.entries.filter((entry) => !asked.has(entry.id)).map((entry) => entry.id);
}

function isEvalSet(value: unknown): value is EvalSet {
  if (!isRecord(value)) return false;
  const { inScope, outOfScope } = value;
  return (
    Array.isArray(inScope) &&
    Array.isArray(outOfScope) &&
    inScope.every((item) => isRecord(item) && typeof item.q === 'string' && typeof item.id === 'string' && optionalKind(item.kind, IN_SCOPE_KINDS)) &&
    outOfScope.every((item) => isRecord(item) && typeof item.q === 'string' && optionalKind(item.kind, OUT_OF_SCOPE_KINDS)) &&
    (value.smallTalk === undefined || (Array.isArray(value.smallTalk) && value.smallTalk.every((item) => isRecord(item) && typeof item.q === 'string')))
  );
}

function optionalKind(kind: unknown, kinds: readonly string[]): boolean {
  return kind === undefined || (typeof kind === 'string' && kinds.includes(kind));
}
