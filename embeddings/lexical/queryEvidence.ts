import type { EntryMatch, QueryEvidence } from '../Retriever.js';
import type { EntryVocabulary } from './EntryVocabulary.js';

/** One analysed query term, resolved against the KB's vocabulary. */
interface WeighedTerm {
  /** The known term it stands for (itself or its typo correction), or undefined when the KB has no such word. */
  readonly known?: string;
  readonly idf: number;
}

/** The query's words weighed by rarity: what the decision reads besides the ranking scores. */
export interface WeighedQuery {
  readonly evidence: QueryEvidence;
  /** How much of the query one entry explains. */
  match(entryIndex: number): EntryMatch;
}

function weigh(vocabulary: EntryVocabulary, terms: readonly string[], general: (term: string) => boolean): WeighedTerm[] {
  return [...new Set(terms)].flatMap((term) => {
    const known = vocabulary.resolve(term);
    // A general word the KB does not know says nothing either way (see GENERAL_WORDS).
    if (known === undefined && general(term)) return [];
    return [{ known, idf: known === undefined ? vocabulary.unknownIdf : vocabulary.idf(known) }];
  });
}

/**
 * IDF-weighted share of `terms` that satisfy `test` (0 without terms). One loop adding both sums in term order (the
 * same additions as summing all the terms, then the filtered ones): no filtered copy, as the ranking asks this for
 * every entry tied with another.
 */
function share(terms: readonly WeighedTerm[], test: (term: WeighedTerm) => boolean): number {
  let all = 0;
  let held = 0;
  for (let i = 0; i < terms.length; i++) {
    all += terms[i].idf;
    if (test(terms[i])) held += terms[i].idf;
  }
  return all === 0 ? 0 : held / all;
}

/**
 * Weighs the question's terms and the whole message's terms: how much of the
 * question the KB knows at all (informative words count more than common
 * ones), how rare its unknown words are, and per entry how much of the
 * question and of the message the entry's own words explain. Words of the
 * context only count in the message figures, so describing one's product no
 * longer reads as asking about something else. `general` tells the analysed
 * general words (GENERAL_WORDS) that are left out when the KB does not know them;
 * `answerHolds` whether an entry's answer alone holds a known term (the
 * agency's words, as against the phrasings written for the entry);
 * `actionTerms` the analysed verb of a « comment… » question (see askedAction).
 */
export function weighQuery(
  vocabulary: EntryVocabulary,
  questionTerms: readonly string[],
  messageTerms: readonly string[],
  facts: Pick<QueryEvidence, 'question' | 'english' | 'withContext'>,
  general: (term: string) => boolean = () => false,
  answerHolds?: (entryIndex: number, term: string) => boolean,
  actionTerms: readonly string[] = [],
): WeighedQuery {
  const question = weigh(vocabulary, questionTerms, general);
  const message = weigh(vocabulary, messageTerms, general);
  const unknown = question.filter((term) => term.known === undefined);
  const evidence: QueryEvidence = {
    coverage: share(question, (term) => term.known !== undefined),
    messageCoverage: share(message, (term) => term.known !== undefined),
    unknownRarity: unknown.length === 0 ? 0 : unknown.length / question.length,
    questionTerms: question.length,
    ...facts,
  };
  const has = (entryIndex: number) => (term: WeighedTerm) => term.known !== undefined && vocabulary.has(entryIndex, term.known);
  const action = actionTerms.map((term) => vocabulary.resolve(term));
  return {
    evidence,
    match: (entryIndex) => ({
      question: share(question, has(entryIndex)),
      message: share(message, has(entryIndex)),
      ...(answerHolds && { answer: share(question, (term) => term.known !== undefined && answerHolds(entryIndex, term.known)) }),
      ...(action.length > 0 && { action: action.some((term) => term !== undefined && vocabulary.has(entryIndex, term)) }),
    }),
  };
}
