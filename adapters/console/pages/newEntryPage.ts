/** « Nouvelle entrée » form: a cluster's questions become the phrasings of an entry the curator completes. */
import { MIN_ALTERNATES, type FaqEntry } from '../../../knowledge/index.js';
import type { NewEntryInput } from '../curationActions.js';
import { html, shell, type ShellOptions } from './html.js';

export interface NewEntryPageInput {
  /** What the form shows: the cluster's questions (all ticked) or the draft saved before, or what was just refused. */
  readonly input: NewEntryInput;
  /** Questions of the cluster that the curator may tick, most asked first, with their counts. */
  readonly questions: readonly { readonly text: string; readonly count?: number }[];
  readonly entries: readonly Pick<FaqEntry, 'id' | 'question' | 'offer' | 'theme'>[];
  readonly error?: string;
  readonly user: NonNullable<ShellOptions['user']>;
}

export function newEntryPage(page: NewEntryPageInput): string {
  const { input } = page;
  const ticked = new Set(input.phrasings);
  const offered = new Set(page.questions.map((q) => q.text));
  const extra = input.phrasings.filter((text) => !offered.has(text)).join('\n');
  // `offered` brings the list back with the form, so a refused form shows the unticked questions too.
  const checkbox = (q: { text: string; count?: number }) => html`<li><input type="hidden" name="offered" value="${q.text}"><label><input type="checkbox" name="phrasing" value="${q.text}"${
    ticked.has(q.text) ? html` checked` : ''}> ${q.text}${q.count === undefined ? '' : html` <small>(${q.count})</small>`}</label></li>`;
  const option = (e: NewEntryPageInput['entries'][number]) =>
    html`<option value="${e.id}"${e.id === input.entryId ? html` selected` : ''}>${e.offer} › ${e.theme} : ${e.question}</option>`;
  const body = html`${page.error === undefined ? '' : html`<p class="error" role="alert">Formulaire refusé : ${page.error}</p>`}
<p class="note">La FAQ demande pour chaque entrée sa question et au moins ${MIN_ALTERNATES} autres formulations, soit ${MIN_ALTERNATES + 1} en tout.
La première formulation retenue devient la question de l’entrée. Sans réponse saisie, le correctif porte la mention « [BROUILLON] »
que <code>npm run kb:check</code> signale jusqu’à ce que l’ANS la remplace.</p>
<form method="post" action="/console/sans-reponse/nouvelle-entree" class="draft">
<input type="hidden" name="_csrf" value="${page.user.csrf}"><input type="hidden" name="key" value="${input.key}">
<fieldset><legend>Questions du groupe, comme formulations</legend><ul class="choices">${page.questions.map(checkbox)}</ul></fieldset>
<label for="autres">Autres formulations, une par ligne</label>
<textarea id="autres" name="extra" rows="6">${extra}</textarea>
<label for="modele">Offre et thème : comme l’entrée</label>
<select id="modele" name="entryId">${input.entryId === '' ? html`<option value="" selected>– choisir –</option>` : ''}${page.entries.map(option)}</select>
<label for="reponse">Réponse de l’ANS (facultatif : à rédiger plus tard)</label>
<textarea id="reponse" name="answer" rows="8">${input.answer}</textarea>
<p><button type="submit">Enregistrer l’entrée</button> <a href="/console/sans-reponse">Annuler</a></p></form>`;
  return shell({ title: 'Nouvelle entrée', active: '/console/sans-reponse', user: page.user }, body);
}
