import type { FaqEntry } from '../../../knowledge/index.js';
import { percent, type Overview } from '../overview.js';
import { filterForm, type ConsoleFilters } from './filters.js';
import { html, Html, shell, type ShellOptions } from './html.js';

export interface OverviewPageInput {
  readonly overview: Overview;
  readonly filters: ConsoleFilters;
  readonly dimensions: { channels: string[]; kbVersions: string[] };
  readonly entries: ReadonlyMap<string, Pick<FaqEntry, 'question'>>;
  readonly user: NonNullable<ShellOptions['user']>;
}

/** JSON for the charts, safe inside a non-executed script element. */
function jsonData(value: unknown): Html {
  return new Html(JSON.stringify(value).replace(/</g, '\\u003c'));
}

/** « Vue d'ensemble »: questions, shares answered / clarified / declined, 👍 rate with its interval, top entries, charts. */
export function overviewPage(input: OverviewPageInput): string {
  const { overview, filters } = input;
  const { total, helpful } = overview;
  const unit = filters.granularity === 'week' ? 'Semaine du' : 'Jour';
  const rate = helpful
    ? html`${Math.round(helpful.rate * 100)}&nbsp;% <small>(IC 95&nbsp;% : ${Math.round(helpful.low * 100)}–${Math.round(helpful.high * 100)}&nbsp;%, ${helpful.n} votes)</small>`
    : 'pas encore de vote';
  const chartData = {
    periods: overview.periods.map((p) => p.period),
    questions: overview.periods.map((p) => p.questions),
    answered: overview.periods.map((p) => p.answered),
    clarified: overview.periods.map((p) => p.clarified),
    declined: overview.periods.map((p) => p.declined),
    helpful: overview.periods.map((p) => (p.up + p.down === 0 ? null : Math.round((1000 * p.up) / (p.up + p.down)) / 10)),
  };
  const body = html`${filterForm('/console', filters, input.dimensions)}
<section class="cards" aria-label="Chiffres clés">
<div class="card"><p class="label">Questions posées</p><p class="value" data-testid="questions">${total.questions}</p></div>
<div class="card"><p class="label">Répondues</p><p class="value" data-testid="answered">${percent(total.answered, total.questions)}</p><p>${total.answered}</p></div>
<div class="card"><p class="label">Clarifiées (« Vouliez-vous dire… », listes)</p><p class="value">${percent(total.clarified, total.questions)}</p><p>${total.clarified}</p></div>
<div class="card"><p class="label">Sans réponse</p><p class="value" data-testid="declined">${percent(total.declined, total.questions)}</p><p>${total.declined}</p></div>
<div class="card"><p class="label">Réponses utiles (👍)</p><p class="value" data-testid="helpful">${rate}</p></div>
</section>
<section aria-labelledby="graphes"><h2 id="graphes">Évolution</h2>
<div class="chart" id="graphe-volumes" role="img" aria-label="Questions posées, répondues, clarifiées et sans réponse par période"></div>
<div class="chart" id="graphe-utile" role="img" aria-label="Part des votes 👍 par période"></div>
<script type="application/json" id="donnees-graphes">${jsonData(chartData)}</script></section>
<section aria-labelledby="top"><h2 id="top">Réponses les plus montrées</h2>
<table><thead><tr><th scope="col">Question</th><th scope="col">Montrée</th><th scope="col">👍</th><th scope="col">👎</th></tr></thead><tbody>
${overview.topEntries.map(
  (e) => html`<tr><td>${input.entries.get(e.entryId)?.question ?? e.entryId}</td><td>${e.shown}</td><td>${e.up}</td><td>${e.down}</td></tr>`,
)}</tbody></table></section>
<section aria-labelledby="detail"><h2 id="detail">Détail par période</h2>
<table><thead><tr><th scope="col">${unit}</th><th scope="col">Questions</th><th scope="col">Répondues</th><th scope="col">Clarifiées</th><th scope="col">Sans réponse</th><th scope="col">👍</th><th scope="col">👎</th></tr></thead><tbody>
${overview.periods.map(
  (p) => html`<tr><td>${p.period}</td><td>${p.questions}</td><td>${percent(p.answered, p.questions)}</td><td>${percent(p.clarified, p.questions)}</td><td>${percent(p.declined, p.questions)}</td><td>${p.up}</td><td>${p.down}</td></tr>`,
)}</tbody></table></section>
<p class="exports">Exports CSV (Excel) : <a href="/console/export/questions.csv">questions</a> · <a href="/console/export/votes.csv">votes</a> · <a href="/console/export/unanswered.csv">questions sans réponse</a></p>`;
  return shell({ title: 'Vue d’ensemble', active: '/console', user: input.user, scripts: ['/console/assets/uPlot.iife.min.js', '/console/assets/console.js'] }, body);
}
