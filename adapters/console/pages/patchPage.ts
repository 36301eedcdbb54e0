import type { KbPatchPlan } from '../../../knowledge/index.js';
import type { CurationDecision } from '../CurationStore.js';
import type { DraftGaps } from '../curationTools.js';
import { html, shell, type ShellOptions } from './html.js';

/** Why an improvement was left out, in French (codes from knowledge/edit). */
const REFUSALS: Readonly<Record<string, string>> = {
  'unknown-entry': 'entrée inconnue',
  'duplicate-phrasing': 'déjà une formulation de la FAQ',
  'duplicate-id': 'identifiant déjà pris',
  'invalid-text': 'texte invalide',
  'invalid-file': 'fichier invalide',
  'invalid-entry': 'entrée invalide',
};

export interface PatchPageInput {
  readonly plan: KbPatchPlan;
  /** New entries written from clusters, and what each still lacks. */
  readonly newEntries: readonly { readonly decision: CurationDecision; readonly gaps: DraftGaps }[];
  readonly user: NonNullable<ShellOptions['user']>;
}

/** « Correctif de la FAQ »: the accepted improvements as a unified diff of knowledge/data, validated by the KB loader. */
export function patchPage(input: PatchPageInput): string {
  const { plan } = input;
  const refused = plan.refused.length === 0 ? '' : html`<h2>Écartées</h2><ul>${plan.refused.map(
    (r) => html`<li>${r.improvement.kind === 'phrasing' ? r.improvement.text : r.improvement.draft.question} : ${REFUSALS[r.code] ?? r.code}</li>`,
  )}</ul>`;
  const body = plan.ok
    ? plan.patch === ''
      ? html`<p class="note">Rien à appliquer : acceptez des propositions ou ajoutez des questions comme formulations.</p>`
      : html`<p>${plan.applied.length} amélioration(s) validée(s) par le chargeur de la FAQ.
<a class="button" href="/console/correctif.patch" download>Télécharger le correctif</a></p>
<p class="note">Puis, dans le dépôt : <code>npm run kb:apply -- faq.patch</code>, <code>npm run kb:check</code>, <code>npm run eval</code>.</p>
<pre class="diff">${plan.patch}</pre>`
    : html`<p class="error" role="alert">Le correctif rendrait la FAQ invalide :</p><ul>${plan.problems.map((p) => html`<li>${p.file} ligne ${p.line} : ${p.message}</li>`)}</ul>`;
  const drafts =
    input.newEntries.length === 0
      ? ''
      : html`<h2>Nouvelles entrées</h2><ul class="new-entries">${input.newEntries.map(({ decision, gaps }) => {
  const missing = [
    gaps.phrasingsMissing > 0 ? `${gaps.phrasingsMissing} formulation(s) à ajouter avant d’entrer au correctif` : '',
    gaps.answerMissing ? 'réponse à rédiger : le correctif porte « [BROUILLON] », que npm run kb:check signale' : '',
  ].filter((text) => text !== '');
  return html`<li class="new-entry"><strong>${decision.text}</strong> <small>(${decision.draft?.phrasings.length ?? 1} formulation(s), ${decision.user})</small>
${missing.length === 0 ? html` – complète` : html`<br><span class="gaps">${missing.join(' ; ')}</span>`}
<a href="${`/console/sans-reponse/nouvelle-entree?cle=${encodeURIComponent(decision.key)}`}">Modifier</a></li>`;
})}</ul>`;
  return shell({ title: 'Correctif de la FAQ', active: '/console/correctif', user: input.user }, html`${body}${refused}${drafts}`);
}
