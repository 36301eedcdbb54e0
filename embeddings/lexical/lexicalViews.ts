import { entryPhrasings, type FaqEntry } from '../../knowledge/index.js';
import type { TextAnalyzer } from './frenchAnalyzer.js';
import { LexicalIndex } from './LexicalIndex.js';
import type { AnalysedDocument } from './viewPostings.js';

/**
 * The three lexical views of an entry, in this order (view v of the index):
 * its best single phrasing (question, alternate, or a question vendors asked
 * that the FAQ team labelled with it), all its phrasings joined (a query
 * mixing words of two alternates), and the agency's answer (a query about a
 * detail only the answer states). See LEXICAL_VIEW_WEIGHTS.
 */
export const LEXICAL_VIEWS = ['phrasing', 'phrasings', 'answer'] as const;
export type LexicalView = (typeof LEXICAL_VIEWS)[number];
/** The view of an entry's best single phrasing. */
export const PHRASING_VIEW = LEXICAL_VIEWS.indexOf('phrasing');
/** The views holding every word of an entry once each: all its phrasings, and its answer. */
export const PHRASINGS_VIEW = LEXICAL_VIEWS.indexOf('phrasings');
export const ANSWER_VIEW = LEXICAL_VIEWS.indexOf('answer');

/** Analyses every entry into its three views and indexes them: the costly step a persisted state saves at start-up. */
export function buildLexicalIndex(entries: readonly FaqEntry[], analyzer: TextAnalyzer): LexicalIndex {
  const views: Record<LexicalView, AnalysedDocument[]> = { phrasing: [], phrasings: [], answer: [] };
  entries.forEach((entry, index) => {
    // The asked phrasings are deduplicated against the others by the loader (askedPhrasings.ts).
    const phrasings = entryPhrasings(entry);
    for (const text of phrasings) views.phrasing.push({ entry: index, tokens: analyzer.analyze(text) });
    views.phrasings.push({ entry: index, tokens: analyzer.analyze(phrasings.join('\n')) });
    views.answer.push({ entry: index, tokens: analyzer.analyze(entry.answer) });
  });
  return LexicalIndex.build(
    entries.length,
    LEXICAL_VIEWS.map((view) => views[view]),
  );
}
