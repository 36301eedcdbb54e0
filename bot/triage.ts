import {
  FACETS,
  matchesFilter,
  type Facet,
  type FacetFilter,
  type FaqEntry,
  type KnowledgeBase,
  type TaxonomyChoice,
  type TaxonomyQuestion,
} from '../knowledge/index.js';
import { foldTypedText } from './userInput.js';

/** What the triage needs from the KB. */
export type TriageKnowledge = Pick<KnowledgeBase, 'entries' | 'taxonomy'>;

/** A choice offered as a button, with the entries it leads to. */
export interface TriageChoice {
  readonly value: string;
  readonly label: string;
  /** Entries still matching once this choice is made; empty for a branch the KB does not cover yet. */
  readonly entries: readonly FaqEntry[];
}

/** The next thing the triage does: ask a question, show results, or say the branch has no answer yet. */
export type TriageStep =
  | { readonly kind: 'ask'; readonly question: TaxonomyQuestion; readonly choices: readonly TriageChoice[] }
  | { readonly kind: 'results'; readonly entries: readonly FaqEntry[] }
  | { readonly kind: 'empty'; readonly label: string };

/**
 * Decides the next triage step from the facets chosen so far. A question is
 * asked only when it applies to the path (`appliesWhen`) and still splits the
 * remaining entries: a question whose answer is forced (one choice left, or
 * every choice leading to the same entries) is skipped. A choice is offered when
 * its `when` matches and it leads to an entry, or when its value has no entry
 * anywhere in the KB (a branch listed in the taxonomy but not covered yet, such
 * as Ségur): that branch ends with an honest "no answer yet" step.
 */
export function nextTriageStep(kb: TriageKnowledge, facets: FacetFilter): TriageStep {
  const remaining = kb.entries.filter((entry) => matchesFilter(entry, facets));
  if (remaining.length === 0) return { kind: 'empty', label: lastChoiceLabel(kb, facets) };
  for (const question of kb.taxonomy.questions) {
    if (facets[question.facet] !== undefined || !conditionHolds(question.appliesWhen, facets)) continue;
    const choices = availableChoices(kb, question, facets, remaining);
    if (splits(choices)) return { kind: 'ask', question, choices };
  }
  return { kind: 'results', entries: remaining };
}

/** Whether `value` is a choice the taxonomy offers for `facet`. */
export function isKnownChoice(kb: TriageKnowledge, facet: Facet, value: string): boolean {
  return findChoice(kb, facet, value) !== undefined;
}

/**
 * The choice of the pending question that a typed message names (its label or
 * value, ignoring case, accents and end punctuation), so a user who types
 * "Dossier médical" instead of clicking is understood.
 */
export function matchTypedChoice(kb: TriageKnowledge, facets: FacetFilter, facet: Facet, text: string): string | undefined {
  const step = nextTriageStep(kb, facets);
  if (step.kind !== 'ask' || step.question.facet !== facet) return undefined;
  const typed = foldTypedText(text);
  return step.choices.find((choice) => foldTypedText(choice.label) === typed || foldTypedText(choice.value) === typed)?.value;
}

/** An address to write to about one offer, named by its label (from the taxonomy's `contact`). */
export interface OfferContact {
  readonly label: string;
  readonly contact: string;
}

/**
 * Whom the user may write to: the contact of the chosen offer (none when the
 * taxonomy knows none for it), or, before any offer is chosen, every offer's
 * contact, each with its offer's name.
 */
export function offerContacts(kb: Pick<KnowledgeBase, 'taxonomy'>, facets: FacetFilter): OfferContact[] {
  const offers = kb.taxonomy.questions.find((q) => q.facet === 'offer')?.choices ?? [];
  return offers
    .filter((choice) => facets.offer === undefined || choice.value === facets.offer)
    .flatMap((choice) => (choice.contact === undefined ? [] : [{ label: choice.label, contact: choice.contact }]));
}

/** The triage path as stored with feedback on answers reached by buttons: "offer=… > theme=…". */
export function triagePath(facets: FacetFilter): string {
  return FACETS.filter((facet) => facets[facet] !== undefined)
    .map((facet) => `${facet}=${facets[facet]}`)
    .join(' > ');
}

function availableChoices(
  kb: TriageKnowledge,
  question: TaxonomyQuestion,
  facets: FacetFilter,
  remaining: readonly FaqEntry[],
): TriageChoice[] {
  const choices: TriageChoice[] = [];
  for (const choice of question.choices) {
    if (!conditionHolds(choice.when, facets)) continue;
    const narrowed = { ...facets, [question.facet]: choice.value };
    const entries = remaining.filter((entry) => matchesFilter(entry, narrowed));
    if (entries.length > 0 || isUncovered(kb, question.facet, choice.value)) {
      choices.push({ value: choice.value, label: choice.label, entries });
    }
  }
  return choices;
}

/** A question is worth asking when at least two of its choices lead to different entries. */
function splits(choices: readonly TriageChoice[]): boolean {
  if (choices.length < 2) return false;
  const signature = (choice: TriageChoice): string => choice.entries.map((entry) => entry.id).join('|');
  const first = signature(choices[0]);
  return choices.some((choice) => signature(choice) !== first);
}

/** No entry of the whole KB has this value: the taxonomy lists a branch the FAQ does not cover yet. */
function isUncovered(kb: TriageKnowledge, facet: Facet, value: string): boolean {
  return !kb.entries.some((entry) => entry[facet] === value);
}

/** A condition holds when every facet it names has been chosen with one of the listed values. */
function conditionHolds(condition: Partial<Record<Facet, readonly string[]>> | undefined, facets: FacetFilter): boolean {
  if (!condition) return true;
  return FACETS.every((facet) => {
    const allowed = condition[facet];
    if (!allowed) return true;
    const chosen = facets[facet];
    return chosen !== undefined && allowed.includes(chosen);
  });
}

function findChoice(kb: TriageKnowledge, facet: Facet, value: string): TaxonomyChoice | undefined {
  return kb.taxonomy.questions.find((q) => q.facet === facet)?.choices.find((choice) => choice.value === value);
}

/** Label of the deepest facet chosen, to name the empty branch in the user's words. */
function lastChoiceLabel(kb: TriageKnowledge, facets: FacetFilter): string {
  const chosen = FACETS.filter((facet) => facets[facet] !== undefined);
  const facet = chosen[chosen.length - 1];
  if (facet === undefined) return '';
  const value = facets[facet] ?? '';
  return findChoice(kb, facet, value)?.label ?? value;
}
