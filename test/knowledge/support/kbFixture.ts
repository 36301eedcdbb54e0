/**
 * Small, valid KB sources as strings, for tests that break one thing at a time.
 * `lineOf` finds the 1-based line of a marker so tests assert real positions
 * without hard-coding line numbers that drift when the fixture changes.
 */
import type { KbProblem, KbSources, KbValidation, SourceText } from '../../../knowledge/index.js';

export const TAXONOMY_FILE = 'kb/taxonomy.yaml';
export const SYNONYMS_FILE = 'kb/synonyms.yaml';
export const ENTRIES_FILE = 'kb/entries/test.yaml';
export const ASKED_FILE = 'kb/asked/semaine-48.yaml';

export const TAXONOMY_YAML = `questions:
  - facet: offer
    prompt: "Quelle offre ?"
    choices:
      - value: innovation
        label: "Innovation"
      - value: segur
        label: "Ségur"
  - facet: corridor
    prompt: "Quel couloir ?"
    appliesWhen:
      offer: [segur]
    choices:
      - value: hopital
        label: "Hôpital"
  - facet: dispositif
    prompt: "Quel dispositif ?"
    appliesWhen:
      offer: [segur]
    choices:
      - value: sons
        label: "SONS"
  - facet: product
    prompt: "Quel produit ?"
    choices:
      - value: catalogue
        label: "Catalogue"
  - facet: theme
    prompt: "Quelle thématique ?"
    choices:
      - value: presentation
        label: "Présentation"
      - value: procedure
        label: "Démarches"
`;

export const SYNONYMS_YAML = `synonyms:
  - canonical: mon espace santé
    terms: [MES, mon espace de santé]
  - canonical: ANS
    terms: [agence du numérique en santé]
`;

/** One valid entry; `prefix` keeps questions and alternates distinct between entries. */
export function entryYaml(id: string, prefix: string, extra = ''): string {
  const alternates = [1, 2, 3, 4, 5, 6].map((n) => `      - "${prefix} variante ${n} ?"`).join('\n');
  return `  - id: ${id}
    question: "${prefix} question canonique détaillée ?"
    alternates:
${alternates}
    offer: innovation
    theme: presentation
    contact: innovation@esante.gouv.fr
    reviewed: "2026-11-26"
${extra}    answer: |-
      Réponse de l’agence pour ${prefix}.
      - premier point ;
      - second point.
`;
}

export const ENTRIES_YAML = `entries:\n${entryYaml('premiere-entree', 'Alpha')}\n${entryYaml('seconde-entree', 'Beta')}`;

/** Questions vendors asked, labelled with the fixture's entries (the format of asked/*.yaml). */
export const ASKED_YAML = `# Week 48, labelled by the FAQ team.
inScope:
  - { q: "Alpha, c’est quoi exactement ?", id: premiere-entree, kind: paraphrase }
  - { q: "alpha c’est quoi exactement", id: premiere-entree, kind: typo }
  - { q: "ALPHA QUESTION CANONIQUE DÉTAILLÉE", id: premiere-entree }
  - { q: "What is Beta?", id: seconde-entree, kind: english }
outOfScope:
  - { q: "Combien coûte Alpha ?", kind: near }
  - { q: "Quel temps fera-t-il demain ?" }
smallTalk:
  - { q: "merci" }
`;

export function sources(overrides: { taxonomy?: string; synonyms?: string; entries?: string | readonly SourceText[]; asked?: string } = {}): KbSources {
  const entries = overrides.entries ?? ENTRIES_YAML;
  return {
    taxonomy: { file: TAXONOMY_FILE, text: overrides.taxonomy ?? TAXONOMY_YAML },
    synonyms: { file: SYNONYMS_FILE, text: overrides.synonyms ?? SYNONYMS_YAML },
    entries: typeof entries === 'string' ? [{ file: ENTRIES_FILE, text: entries }] : entries,
    ...(overrides.asked === undefined ? {} : { asked: [{ file: ASKED_FILE, text: overrides.asked }] }),
  };
}

/** 1-based line of the first line containing `marker` (after `after`, when given); throws when absent. */
export function lineOf(text: string, marker: string, after?: string): number {
  const lines = text.split('\n');
  const start = after === undefined ? 0 : lines.findIndex((l) => l.includes(after));
  const index = lines.findIndex((l, i) => i >= start && l.includes(marker));
  if (start < 0 || index < 0) throw new Error(`lineOf: marker "${marker}" not found`);
  return index + 1;
}

/** Replaces exactly one occurrence, failing loudly so a fixture edit cannot silently do nothing. */
export function replaceOnce(text: string, search: string, replacement: string): string {
  const index = text.indexOf(search);
  if (index < 0 || text.indexOf(search, index + 1) >= 0) throw new Error(`replaceOnce: "${search}" must occur exactly once`);
  return text.slice(0, index) + replacement + text.slice(index + search.length);
}

/** The problems of an invalid validation (fails the test when the KB was valid). */
export function problemsOf(result: KbValidation): readonly KbProblem[] {
  if (result.ok) throw new Error('expected the KB to be invalid');
  return result.problems;
}
