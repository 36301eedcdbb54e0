import type { PhrasingProposal, UnansweredCluster } from '../curation.js';
import { html, shell, type ShellOptions } from './html.js';

interface CurationPageInput<T> {
  readonly items: readonly T[];
  readonly questionOf: (id: string) => string;
  readonly user: NonNullable<ShellOptions['user']>;
}

/** « Questions sans réponse »: clusters of similar questions, each with a count, examples and the nearest entry. */
export function unansweredPage(input: CurationPageInput<UnansweredCluster>): string {
  const body =
    input.items.length === 0
      ? html`<p class="note">Aucune question sans réponse sur la période.</p>`
      : html`<table><thead><tr><th scope="col">Questions</th><th scope="col">Nombre</th><th scope="col">Entrée la plus proche</th></tr></thead><tbody>
${input.items.map(
  (c) => html`<tr class="cluster"><td><ul class="examples">${c.examples.map((e) => html`<li>${e}</li>`)}</ul></td><td>${c.count}</td>
<td>${c.nearestEntryId === undefined ? '–' : html`${input.questionOf(c.nearestEntryId)}<br><code>${c.nearestEntryId}</code>`}</td></tr>`,
)}</tbody></table>`;
  return shell({ title: 'Questions sans réponse', active: '/console/sans-reponse', user: input.user }, html`${body}
<p class="exports"><a href="/console/export/unanswered.csv">Exporter en CSV</a></p>`);
}

/** « Propositions de formulations »: X typed then Y picked, proposed as a phrasing of Y. */
export function proposalsPage(input: CurationPageInput<PhrasingProposal>): string {
  const body =
    input.items.length === 0
      ? html`<p class="note">Aucune proposition pour l’instant : elles viennent des questions suivies d’un choix parmi « Vouliez-vous dire… ».</p>`
      : html`<table><thead><tr><th scope="col">Formulation tapée</th><th scope="col">Entrée choisie</th><th scope="col">Fois</th></tr></thead><tbody>
${input.items.map(
  (p) => html`<tr class="proposal"><td>${p.text}</td><td>${input.questionOf(p.entryId)}<br><code>${p.entryId}</code></td><td>${p.count}</td></tr>`,
)}</tbody></table>`;
  return shell({ title: 'Propositions de formulations', active: '/console/propositions', user: input.user }, body);
}
