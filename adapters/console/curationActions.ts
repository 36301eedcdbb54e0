/** The curation forms' fields, validated: a decision to keep, or why the form is refused. Pure. */
import type { CurationDecision, CurationStatus } from './CurationStore.js';

const PROPOSAL_STATUSES: readonly CurationStatus[] = ['accepted', 'rejected'];
const CLUSTER_STATUSES: readonly CurationStatus[] = ['phrasing', 'new-entry', 'out-of-scope'];
/** Longest text kept with a decision (the KB's phrasing limit is of the same order). */
export const MAX_DECISION_TEXT = 300;

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
  // A new entry keeps the cluster's nearest entry as the model of its facets (its draft goes into the patch).
  const keepsEntry = needsEntry || (status === 'new-entry' && entryId !== undefined && context.isEntry(entryId));
  return {
    kind: 'ok',
    decision: { key, kind, status, text, time: context.time, user: context.user, ...(entryId !== undefined && keepsEntry && { entryId }) },
  };
}

/** French labels of the statuses, as the pages show them. */
export const STATUS_LABELS: Readonly<Record<CurationStatus, string>> = {
  accepted: 'acceptée',
  rejected: 'refusée',
  phrasing: 'ajoutée comme formulation',
  'new-entry': 'nouvelle entrée à rédiger',
  'out-of-scope': 'hors sujet',
};
