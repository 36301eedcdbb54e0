/** The curation forms' fields, validated: a decision to keep, or why the form is refused. Pure. */
import { foldForComparison } from '../../knowledge/index.js';
import type { CurationDecision, CurationStatus, NewEntryText } from './CurationStore.js';

const PROPOSAL_STATUSES: readonly CurationStatus[] = ['accepted', 'rejected'];
/** A new entry is written on its own form (`parseNewEntryForm`), not decided with one button. */
const CLUSTER_STATUSES: readonly CurationStatus[] = ['phrasing', 'out-of-scope'];
/** Longest text kept with a decision (the KB's phrasing limit is of the same order). */
export const MAX_DECISION_TEXT = 300;
/** Phrasings a new entry may carry (the KB asks for 7; a cluster shows at most 30). */
export const MAX_DRAFT_PHRASINGS = 60;
/** Longest answer typed on the console (the KB's longest answers are a few thousand characters). */
export const MAX_DRAFT_ANSWER = 8_000;

export type DecisionForm = { readonly kind: 'ok'; readonly decision: CurationDecision } | { readonly kind: 'refused'; readonly reason: string };

export function parseDecisionForm(
  kind: CurationDecision['kind'],
  form: URLSearchParams,
  context: { readonly user: string; readonly time: string; readonly isEntry: (id: string) => boolean },
): DecisionForm {
  const key = form.get('key') ?? '';
  const text = (form.get('text') ?? '').trim();
  const entryId = form.get('entryId') || undefined;
  const status = (kind === 'proposal' ? PROPOSAL_STATUSES : CLUSTER_STATUSES).find((s) => s === form.get('status'));
  if (key === '' || key.length > 1_000) return { kind: 'refused', reason: 'clé manquante' };
  if (status === undefined) return { kind: 'refused', reason: 'action inconnue' };
  if (text === '' || text.length > MAX_DECISION_TEXT) return { kind: 'refused', reason: 'texte manquant ou trop long' };
  const needsEntry = status === 'accepted' || status === 'phrasing';
  if (needsEntry && (entryId === undefined || !context.isEntry(entryId))) return { kind: 'refused', reason: 'entrée inconnue' };
  return {
    kind: 'ok',
    decision: { key, kind, status, text, time: context.time, user: context.user, ...(entryId !== undefined && needsEntry && { entryId }) },
  };
}

/** The new-entry form as typed: kept to show it again, with the error, when it is refused. */
export interface NewEntryInput {
  readonly key: string;
  /** The cluster's questions ticked, then the extra lines, in that order. */
  readonly phrasings: readonly string[];
  readonly entryId: string;
  readonly answer: string;
}

export type NewEntryForm =
  | { readonly kind: 'ok'; readonly decision: CurationDecision }
  | { readonly kind: 'refused'; readonly reason: string; readonly input: NewEntryInput };

/**
 * « Nouvelle entrée nécessaire », written: the ticked questions (`phrasing`)
 * and the lines of `extra` become the entry's phrasings (the first is its
 * question), `entryId` names the entry whose offer, theme and contact it
 * takes, `answer` is the agency's text or empty (left to write). The KB's
 * rules (seven phrasings…) are checked when the patch is built, so a
 * draft short of phrasings is kept and the patch page says what it lacks.
 */
export function parseNewEntryForm(
  form: URLSearchParams,
  context: { readonly user: string; readonly time: string; readonly isEntry: (id: string) => boolean },
): NewEntryForm {
  const typed = [...form.getAll('phrasing'), ...(form.get('extra') ?? '').split(/\r?\n/)];
  const seen = new Set<string>();
  const phrasings: string[] = [];
  for (const text of typed.map((t) => t.replace(/\s+/g, ' ').trim())) {
    const folded = foldForComparison(text);
    if (text === '' || seen.has(folded)) continue;
    seen.add(folded);
    phrasings.push(text);
  }
  const input: NewEntryInput = { key: form.get('key') ?? '', phrasings, entryId: form.get('entryId') ?? '', answer: (form.get('answer') ?? '').trim() };
  const refuse = (reason: string): NewEntryForm => ({ kind: 'refused', reason, input });
  if (input.key === '' || input.key.length > 1_000) return refuse('clé manquante');
  if (phrasings.length === 0) return refuse('cochez ou écrivez au moins une formulation');
  if (phrasings.length > MAX_DRAFT_PHRASINGS) return refuse(`${MAX_DRAFT_PHRASINGS} formulations au plus`);
  const long = phrasings.find((text) => text.length > MAX_DECISION_TEXT);
  if (long !== undefined) return refuse(`formulation de plus de ${MAX_DECISION_TEXT} caractères : « ${long.slice(0, 40)}… »`);
  if (!context.isEntry(input.entryId)) return refuse('choisissez l’entrée dont la nouvelle reprend l’offre et le thème');
  if (input.answer.length > MAX_DRAFT_ANSWER) return refuse(`réponse de plus de ${MAX_DRAFT_ANSWER} caractères`);
  const draft: NewEntryText = { phrasings, ...(input.answer !== '' && { answer: input.answer }) };
  return {
    kind: 'ok',
    decision: { key: input.key, kind: 'cluster', status: 'new-entry', text: phrasings[0], entryId: input.entryId, time: context.time, user: context.user, draft },
  };
}

/** French labels of the statuses, as the pages show them. */
export const STATUS_LABELS: Readonly<Record<CurationStatus, string>> = {
  accepted: 'acceptée',
  rejected: 'refusée',
  phrasing: 'ajoutée comme formulation',
  'new-entry': 'nouvelle entrée (voir le correctif)',
  'out-of-scope': 'hors sujet',
};
