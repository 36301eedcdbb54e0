/**
 * The questions vendors asked (asked/*.yaml) as phrasings of the entries they
 * are labelled with. Pure: the loader attaches them, and the evaluation takes
 * a set's questions out of a KB (test/eval/withoutSet.ts) the same way.
 */
import { foldPhrasing } from './foldText.js';
import { computeKbVersion } from './kbVersion.js';
import type { AskedFile, FaqEntry, KnowledgeBase } from './types.js';

/** Every phrasing of an entry the search reads: its question, its alternates, then the questions vendors asked of it. */
export function entryPhrasings(entry: FaqEntry): string[] {
  return [entry.question, ...entry.alternates, ...(entry.asked ?? [])];
}

/**
 * Each entry with `asked` set to the in-scope questions of `files` labelled
 * with it, in file then item order, skipping any that folds (foldPhrasing) to
 * one of its question, alternates or earlier asked phrasings: the index then
 * holds every distinct phrasing once. Entries no question is labelled with
 * have no `asked`. Ids the entries do not have are ignored (the validation reports them).
 */
export function withAskedPhrasings(entries: readonly FaqEntry[], files: readonly AskedFile[]): FaqEntry[] {
  const byId = new Map<string, string[]>();
  for (const file of files) {
    for (const item of file.inScope) {
      const list = byId.get(item.id);
      if (list === undefined) byId.set(item.id, [item.q]);
      else list.push(item.q);
    }
  }
  return entries.map((labelledEntry) => {
    const labelled = byId.get(labelledEntry.id);
    // Most entries of a large KB have no asked question: kept as they are, their phrasings never folded.
    if (labelled === undefined && labelledEntry.asked === undefined) return labelledEntry;
    const { asked: _previous, ...entry } = labelledEntry;
    if (labelled === undefined) return entry;
    const seen = new Set([entry.question, ...entry.alternates].map(foldPhrasing));
    const asked: string[] = [];
    for (const q of labelled) {
      const key = foldPhrasing(q);
      if (seen.has(key)) continue;
      seen.add(key);
      asked.push(q);
    }
    if (asked.length === 0) return entry;
    // `asked` placed between `answer` and `contact`: the entry keeps its keys sorted (kbVersion.ts's fast path).
    const { alternates, answer, ...rest } = entry;
    return { alternates, answer, asked, ...rest };
  });
}

/** The same KB with other asked files: the entries' asked phrasings and the KB version follow them. */
export function withAskedFiles(kb: KnowledgeBase, files: readonly AskedFile[]): KnowledgeBase {
  const entries = withAskedPhrasings(kb.entries, files);
  const content = { entries, taxonomy: kb.taxonomy, synonyms: kb.synonyms, asked: files };
  return { ...content, version: computeKbVersion(content) };
}
