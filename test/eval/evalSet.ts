import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { KnowledgeBase } from '../../knowledge/index.js';

export interface EvalSet {
  readonly inScope: readonly { readonly q: string; readonly id: string }[];
  readonly outOfScope: readonly { readonly q: string }[];
}

/** Reads the labelled set and fails loudly on a label the KB does not have. */
export async function loadEvalSet(file: string, kb: KnowledgeBase): Promise<EvalSet> {
  const data: unknown = parse(await readFile(file, 'utf8'));
  if (!isEvalSet(data)) throw new Error(`loadEvalSet: ${file} must have inScope: [{q, id}] and outOfScope: [{q}]`);
  const ids = new Set(kb.entries.map((entry) => entry.id));
  const unknown = data.inScope.filter((item) => !ids.has(item.id)).map((item) => item.id);
  if (unknown.length > 0) throw new Error(`loadEvalSet: unknown entry ids in ${file}: ${[...new Set(unknown)].join(', ')}`);
  const kbTexts = new Set(kb.entries.flatMap((e) => [e.question, ...e.alternates]).map(normalise));
  const copied = data.inScope.filter((item) => kbTexts.has(normalise(item.q))).map((item) => item.q);
  if (copied.length > 0) throw new Error(`loadEvalSet: questions copied from the KB (not a fair test): ${copied.join(' | ')}`);
  return data;
}

function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function isEvalSet(value: unknown): value is EvalSet {
  if (typeof value !== 'object' || value === null) return false;
  const { inScope, outOfScope } = value as Record<string, unknown>;
  return (
    Array.isArray(inScope) &&
    Array.isArray(outOfScope) &&
    inScope.every((item) => typeof item?.q === 'string' && typeof item?.id === 'string') &&
    outOfScope.every((item) => typeof item?.q === 'string')
  );
}
