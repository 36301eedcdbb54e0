import type { PhrasingProposal, UnansweredCluster } from '../curation.js';
import { STATUS_LABELS } from '../curationActions.js';
import type { CurationDecision, CurationStatus } from '../CurationStore.js';
import { html, shell, type Html, type ShellOptions } from './html.js';

/** Examples shown per cluster (its most asked questions). */
const EXAMPLES = 5;

interface CurationPageInput<T> {
  readonly items: readonly T[];
  readonly decisions: ReadonlyMap<string, CurationDecision>;
  readonly questionOf: (id: string) => string;
  readonly user: NonNullable<ShellOptions['user']>;
}

/** One action button: a small POST form carrying the item and the CSRF token. */
function actionForm(action: string, csrf: string, fields: Record<string, string | undefined>, status: CurationStatus, label: string, primary: boolean): Html {
  const hidden = Object.entries(fields).map(([name, value]) => (value === undefined ? '' : html`<input type="hidden" name="${name}" value="${value}">`));
  return html`<form method="post" action="${action}"><input type="hidden" name="_csrf" value="${csrf}">${hidden}
<input type="hidden" name="status" value="${status}"><button type="submit"${primary ? '' : html` class="secondary"`}>${label}</button></form>`;
}

function statusOf(decisions: ReadonlyMap<string, CurationDecision>, keys: readonly string[]): Html {
  const decision = keys.map((key) => decisions.get(key)).find((d) => d !== undefined);
  return decision ? html`<span class="status">${STATUS_LABELS[decision.status]}</span><br><small>par ${decision.user}</small>` : html`à traiter`;
}

/** « Questions sans réponse »: clusters of similar questions with a count, examples, the nearest entry, and what to do with them. */
export function unansweredPage(input: CurationPageInput<UnansweredCluster> & { readonly newEntryHref: (key: string) => string }): string {
  const csrf = input.user.csrf;
  const action = '/console/sans-reponse/decision';
  const body =
    input.items.length === 0
      ? html`<p class="note">Aucune question sans réponse sur la période.</p>`
      : html`<table><thead><tr><th scope="col">Questions</th><th scope="col">Nombre</th><th scope="col">Entrée la plus proche</th><th scope="col">Statut</th><th scope="col">Actions</th></tr></thead><tbody>
${input.items.map((c) => {
  const fields = { key: c.key, text: c.members[0]?.text, entryId: c.nearestEntryId };
  return html`<tr class="cluster"><td><ul class="examples">${c.members.slice(0, EXAMPLES).map((m) => html`<li>${m.text}</li>`)}</ul></td><td>${c.count}</td>
<td>${c.nearestEntryId === undefined ? '–' : html`${input.questionOf(c.nearestEntryId)}<br><code>${c.nearestEntryId}</code>`}</td>
<td>${statusOf(input.decisions, c.memberKeys)}</td><td class="actions">
${c.nearestEntryId === undefined ? '' : actionForm(action, csrf, fields, 'phrasing', 'Ajouter comme formulation', true)}
<a class="button secondary" href="${input.newEntryHref(c.key)}">Nouvelle entrée nécessaire</a>
${actionForm(action, csrf, fields, 'out-of-scope', 'Hors sujet', false)}</td></tr>`;
})}</tbody></table>`;
  return shell({ title: 'Questions sans réponse', active: '/console/sans-reponse', user: input.user }, html`${body}
<p class="exports"><a href="/console/export/unanswered.csv">Exporter en CSV</a></p>`);
}

/** « Propositions de formulations »: X typed then Y picked, proposed as a phrasing of Y; accept or reject. */
export function proposalsPage(input: CurationPageInput<PhrasingProposal>): string {
  const csrf = input.user.csrf;
  const action = '/console/propositions/decision';
  const body =
    input.items.length === 0
      ? html`<p class="note">Aucune proposition pour l’instant : elles viennent des questions suivies d’un choix parmi « Vouliez-vous dire… ».</p>`
      : html`<table><thead><tr><th scope="col">Formulation tapée</th><th scope="col">Entrée choisie</th><th scope="col">Conversations</th><th scope="col">Statut</th><th scope="col">Actions</th></tr></thead><tbody>
${input.items.map((p) => {
  const fields = { key: p.key, text: p.text, entryId: p.entryId };
  return html`<tr class="proposal"><td>${p.text}</td><td>${input.questionOf(p.entryId)}<br><code>${p.entryId}</code></td><td>${p.count}</td>
<td>${statusOf(input.decisions, [p.key])}</td><td class="actions">${actionForm(action, csrf, fields, 'accepted', 'Accepter', true)}
${actionForm(action, csrf, fields, 'rejected', 'Refuser', false)}</td></tr>`;
})}</tbody></table>`;
  return shell({ title: 'Propositions de formulations', active: '/console/propositions', user: input.user }, body);
}
