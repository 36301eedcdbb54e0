/**
 * Edits of one entries/*.yaml text through the `yaml` package's Document
 * API: the parsed document keeps comments, blank lines and scalar styles, so
 * printing it back changes only what was edited (the round trip of the real
 * KB is byte-identical with `lineWidth: 0`, which keeps long lines unfolded).
 */
import { Document, isMap, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { FACETS } from '../types.js';
import type { NewEntryDraft } from './types.js';

/** Printing options that reproduce the KB's own layout. */
const PRINT_OPTIONS = { lineWidth: 0 } as const;

/**
 * The answer of a new entry until the agency writes it: visibly a draft in
 * the file, in `kb:apply`'s output and, should it ever be deployed, to users.
 */
export const DRAFT_ANSWER = '[BROUILLON] Réponse à rédiger par l’équipe FAQ de l’ANS avant publication de cette entrée.';

/** Comment put above a draft answer, for whoever opens the file. */
const DRAFT_COMMENT = ' DRAFT proposed from the curators’ console: replace this answer with the agency’s text before publishing.';

/** Header of an entries file created for a new offer. */
const NEW_FILE_HEADER = (offer: string): string =>
  ` FAQ entries of the offer "${offer}", created from the curators' console.\n Answers are the agency's words: keep them verbatim. Checked by \`npm run kb:check\`.`;

/** Whether an entry's answer is still the draft placeholder. */
export function isDraftAnswer(answer: string): boolean {
  return answer.trim() === DRAFT_ANSWER;
}

/** One entries file being edited; `toString()` prints it back. */
export class EntriesYamlEditor {
  private constructor(private readonly doc: Document) {}

  /** Parses an existing entries file (the caller has validated it: it loads). */
  static parse(text: string): EntriesYamlEditor {
    return new EntriesYamlEditor(parseDocument(text));
  }

  /** An empty entries file for a new offer. */
  static create(offer: string): EntriesYamlEditor {
    const doc = new Document({ entries: [] });
    doc.commentBefore = NEW_FILE_HEADER(offer);
    return new EntriesYamlEditor(doc);
  }

  /** Appends `text` to the alternates of entry `entryId`; false when the file has no such entry. */
  addAlternate(entryId: string, text: string): boolean {
    const entry = this.entries().items.find((item) => isMap(item) && item.get('id') === entryId);
    if (!isMap(entry)) return false;
    const alternates = entry.get('alternates', true);
    if (!isSeq(alternates)) return false;
    const last = alternates.items.at(-1);
    alternates.items.push(this.quoted(text, isScalar(last) ? last.type : undefined));
    return true;
  }

  /** Appends a new entry, in the KB's field order, with its answer or, when it has none, the draft answer. */
  appendEntry(draft: NewEntryDraft): void {
    const entry = new YAMLMap();
    // Keys as scalar nodes, so a comment can sit above one (a plain string key carries none).
    const put = (key: string, value: Scalar | YAMLSeq): Scalar => {
      const keyNode = new Scalar(key);
      entry.items.push(new Pair(keyNode, value));
      return keyNode;
    };
    put('id', new Scalar(draft.id));
    put('question', this.quoted(draft.question));
    const alternates = new YAMLSeq();
    for (const text of draft.alternates) alternates.items.push(this.quoted(text));
    put('alternates', alternates);
    for (const facet of FACETS) {
      const value = draft.facets[facet];
      if (value !== undefined) put(facet, new Scalar(value));
    }
    if (draft.contact !== undefined) put('contact', new Scalar(draft.contact));
    const answer = new Scalar(draft.answer ?? DRAFT_ANSWER);
    answer.type = Scalar.BLOCK_LITERAL;
    const answerKey = put('answer', answer);
    if (draft.answer === undefined) answerKey.commentBefore = DRAFT_COMMENT;
    const entries = this.entries();
    // A blank line between entries, as in the hand-written files.
    entry.spaceBefore = entries.items.length > 0;
    entries.items.push(entry);
  }

  toString(): string {
    return this.doc.toString(PRINT_OPTIONS);
  }

  private entries(): YAMLSeq {
    const entries = this.doc.get('entries', true);
    if (!isSeq(entries)) throw new Error('EntriesYamlEditor.entries: the file has no "entries" list');
    return entries;
  }

  /** A string scalar in the style of its neighbours (double quotes, as the KB writes phrasings). */
  private quoted(text: string, type: Scalar.Type | undefined = Scalar.QUOTE_DOUBLE): Scalar {
    const scalar = new Scalar(text);
    scalar.type = type === Scalar.QUOTE_SINGLE || type === Scalar.PLAIN ? type : Scalar.QUOTE_DOUBLE;
    return scalar;
  }
}
