import type { EntryReport } from '../answers.js';
import { filterForm, type ConsoleFilters } from './filters.js';
import { html, shell, type ShellOptions } from './html.js';

export interface AnswersPageInput {
  readonly reports: readonly EntryReport[];
  readonly questionOf: (id: string) => string;
  readonly filters: ConsoleFilters;
  readonly dimensions: { channels: string[]; kbVersions: string[] };
  readonly user: NonNullable<ShellOptions['user']>;
}

function age(days: number | undefined): string {
  if (days === undefined) return 'jamais relue';
  if (days < 31) return `il y a ${days} j`;
  return `il y a ${Math.round(days / 30.4)} mois`;
}

/** « Réponses »: shown, 👍/👎, comments, age of the review, most confused entries — per entry. */
export function answersPage(input: AnswersPageInput): string {
  const body = html`${filterForm('/console/reponses', input.filters, input.dimensions)}
<table><thead><tr><th scope="col">Entrée</th><th scope="col">Montrée</th><th scope="col">👍</th><th scope="col">👎</th><th scope="col">Commentaires</th>
<th scope="col">Relue</th><th scope="col">Souvent confondue avec</th></tr></thead><tbody>
${input.reports.map(
  (r) => html`<tr id="${`entree-${r.entry.id}`}"><td><strong>${r.entry.question}</strong><br><code>${r.entry.id}</code></td>
<td>${r.counts.shown}</td><td>${r.counts.up}</td><td>${r.counts.down}</td>
<td>${r.counts.comments}${r.comments.length > 0 ? html`<ul class="examples">${r.comments.map((c) => html`<li>${c}</li>`)}</ul>` : ''}</td>
<td>${age(r.reviewedDaysAgo)}</td>
<td>${r.confusedWith.length === 0 ? '–' : html`<ul class="examples">${r.confusedWith.map((c) => html`<li>${input.questionOf(c.id)} (${c.times})</li>`)}</ul>`}</td></tr>`,
)}</tbody></table>`;
  return shell({ title: 'Réponses', active: '/console/reponses', user: input.user }, body);
}
