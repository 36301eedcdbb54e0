/**
 * Domain types of the FAQ knowledge base. Pure data: no I/O, no botbuilder.
 */

/** The five triage facets, in the order the bot asks about them. */
export const FACETS = ['offer', 'corridor', 'dispositif', 'product', 'theme'] as const;
/** One triage dimension; also the name of the matching optional field of `FaqEntry`. */
export type Facet = (typeof FACETS)[number];

/** Facet values chosen so far (by triage clicks or CLI `--filter`). */
export type FacetFilter = Partial<Record<Facet, string>>;

/** A web link attached to an answer. */
export interface EntryLink {
  readonly label: string;
  readonly url: string;
}

/** One FAQ entry: the agency's verbatim answer plus our retrieval metadata. */
export interface FaqEntry {
  /** Stable slug, unique across the KB. */
  readonly id: string;
  /** Canonical question a vendor would ask (French). */
  readonly question: string;
  /** Other phrasings of the same question (at least 6). */
  readonly alternates: readonly string[];
  /** The agency's answer, verbatim (Markdown-compatible: "- " list items). */
  readonly answer: string;
  readonly offer: string;
  readonly theme: string;
  readonly corridor?: string;
  readonly dispositif?: string;
  readonly product?: string;
  readonly links: readonly EntryLink[];
  readonly contact?: string;
  /** ISO date of the last editorial review. */
  readonly reviewed?: string;
  /**
   * Set when the answer refers to a figure ("ci-dessous") that the source does
   * not contain: the bot must say so instead of pointing at nothing.
   */
  readonly missingFigure?: string;
  /** Where the entry was read from, for error messages. */
  readonly source: { readonly file: string; readonly line: number };
}

/** One choice of a clarifying question. */
export interface TaxonomyChoice {
  readonly value: string;
  /** French label shown on the button. */
  readonly label: string;
  /** Only offered when these facets have one of these values. */
  readonly when?: Partial<Record<Facet, readonly string[]>>;
  /**
   * On an offer only: the address the agency gives for that offer, shown when
   * the bot has no answer there. Absent when none is known: no contact is shown.
   */
  readonly contact?: string;
}

/** One clarifying question of the triage. */
export interface TaxonomyQuestion {
  readonly facet: Facet;
  /** The question text, verbatim from the seed. */
  readonly prompt: string;
  readonly choices: readonly TaxonomyChoice[];
  /** The question is only asked when these facets have one of these values. */
  readonly appliesWhen?: Partial<Record<Facet, readonly string[]>>;
}

/** The clarifying questions of the triage (taxonomy.yaml). */
export interface Taxonomy {
  /** Ordered as in the seed: offer, corridor, dispositif, product, theme. */
  readonly questions: readonly TaxonomyQuestion[];
}

/** KB-level synonym group: every term is folded onto `canonical` by the lexical analyser. */
export interface SynonymGroup {
  readonly canonical: string;
  readonly terms: readonly string[];
}

/** The validated KB as the bot and the retriever use it (built by `loadKnowledgeBase`). */
export interface KnowledgeBase {
  readonly entries: readonly FaqEntry[];
  readonly taxonomy: Taxonomy;
  readonly synonyms: readonly SynonymGroup[];
  /** sha256 of the KB's normalised content: identifies the KB version in logs, manifests and feedback. */
  readonly version: string;
}
