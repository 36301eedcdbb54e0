import { entryPhrasings, type FaqEntry } from '../../knowledge/index.js';
import { askedAction } from './askedAction.js';
import { EntryVocabulary, termEntriesOfSets, type TermEntries } from './EntryVocabulary.js';
import { frenchGlosses, glossedInFrench, isEnglish } from './englishGlossary.js';
import type { TextAnalyzer } from './frenchAnalyzer.js';
import { asksForDefinition, DEFINITION_TERM, expandChatAbbreviations, GENERAL_WORDS, repairGluedElisions, repairVerbForms, splitQuestion, type WordStatus } from './queryAnalysis.js';
import { weighQuery, type WeighedQuery } from './queryEvidence.js';

/** Typed words whose status is remembered (the memory is cleared beyond: visitors can type any word). */
const MAX_REMEMBERED_WORDS = 10_000;

/** A typed message read for the lexical search and the decision. */
export interface ReadQuery {
  /** Analysed terms of the whole message (with the French glosses of an English one). */
  readonly terms: readonly string[];
  /** Analysed terms of the question alone, when the message describes a situation first. */
  readonly questionTerms?: readonly string[];
  /** The query's evidence and each entry's share of it. */
  readonly weighed: WeighedQuery;
}

/**
 * Reads a typed message the way the FAQ's vocabulary needs it: chat-speak
 * abbreviations written out, glued elisions and -ons verb forms repaired against the KB's words,
 * the question told apart from its context, a definition question read with « définition », English glossed in French, and
 * every term weighed by its rarity across entries.
 */
export class QueryReader {
  private readonly vocabulary: EntryVocabulary;
  private readonly wordStatuses = new Map<string, WordStatus>();
  /** The analysed forms of GENERAL_WORDS. */
  private readonly generalTerms: ReadonlySet<string>;
  /** The terms of each entry's answer alone. */
  private readonly answerTerms: TermEntries;

  /**
   * `entryTerms`, when given, are the entries' analysed words read from the
   * lexical index (restored without analysing the KB again), and `answerTerms`
   * the words of their answers alone; otherwise the entries are analysed here.
   */
  constructor(
    entries: readonly FaqEntry[],
    private readonly analyzer: TextAnalyzer,
    entryTerms?: TermEntries,
    answerTerms?: TermEntries,
  ) {
    this.answerTerms = answerTerms ?? termEntriesOfSets(entries.map((entry) => new Set(analyzer.analyze(entry.answer))));
    this.vocabulary = new EntryVocabulary(
      entryTerms ??
        termEntriesOfSets(entries.map((entry) => new Set(analyzer.analyze([...entryPhrasings(entry), entry.answer].join('\n'))))),
    );
    this.generalTerms = new Set(GENERAL_WORDS.flatMap((word) => analyzer.analyze(word)));
  }

  read(text: string): ReadQuery {
    const english = isEnglish(text);
    const status = (word: string): WordStatus => this.wordStatus(word);
    const repaired = repairVerbForms(repairGluedElisions(expandChatAbbreviations(text), status), status);
    const parts = splitQuestion(repaired);
    const withContext = parts.context !== '';
    // An English question is searched with its own words (the KB has some English phrasings) and their French glosses.
    const glosses = english ? `\n${frenchGlosses(repaired)}` : '';
    // A definition question is searched with the word its words only imply, which the KB's definition phrasings say.
    const definition = asksForDefinition(parts.question) ? `\n${DEFINITION_TERM}` : '';
    const terms = this.analyzer.analyze(repaired + glosses + definition);
    const questionTerms = withContext ? this.analyzer.analyze(parts.question + glosses + definition) : undefined;
    // The evidence weighs an English message by its French glosses (and the words the glossary lacks).
    const [evidenceMessage, evidenceQuestion] = english
      ? [this.analyzer.analyze(glossedInFrench(repaired)), this.analyzer.analyze(glossedInFrench(parts.question))]
      : [terms, questionTerms ?? terms];
    const general = (term: string): boolean => this.generalTerms.has(term);
    const inAnswer = (entry: number, term: string): boolean => this.answerTerms.holds(entry, term);
    const action = askedAction(parts.question);
    const actionTerms = action === undefined ? [] : this.analyzer.analyze(action);
    const facts = { question: parts.question, english, withContext };
    const weighed = weighQuery(this.vocabulary, evidenceQuestion, evidenceMessage, facts, general, inAnswer, actionTerms);
    return { terms, ...(questionTerms && { questionTerms }), weighed };
  }

  /** How the KB's vocabulary sees one typed word (for glued elisions); remembered, as the same words come back. */
  private wordStatus(word: string): WordStatus {
    const cached = this.wordStatuses.get(word);
    if (cached) return cached;
    const terms = this.analyzer.analyze(word);
    const status = terms.length === 0 ? 'empty' : terms.every((term) => this.vocabulary.knows(term)) ? 'known' : 'unknown';
    if (this.wordStatuses.size >= MAX_REMEMBERED_WORDS) this.wordStatuses.clear();
    this.wordStatuses.set(word, status);
    return status;
  }
}
