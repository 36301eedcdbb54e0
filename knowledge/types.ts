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
  /**
   * Questions vendors asked that the FAQ team labelled with this entry
   * (asked/*.yaml), minus those equal, once folded by `foldPhrasing`, to one of
   * its phrasings or to an earlier one: more phrasings of the entry, searched
   * like its alternates. Absent when there are none. Derived from
   * `KnowledgeBase.asked` by the loader, never written in an entries file.
   */
  readonly asked?: readonly string[];
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

/** How an answerable asked question is put: a paraphrase, typos or SMS style, a long message with context first, English. */
export const ASKED_KINDS = ['paraphrase', 'typo', 'long', 'english'] as const;
export type AskedKind = (typeof ASKED_KINDS)[number];
/** An out-of-scope asked question: `near` uses the FAQ's own words but asks what no answer says; `far` is off-topic. */
export const OFF_TOPIC_KINDS = ['near', 'far'] as const;
export type OffTopicKind = (typeof OFF_TOPIC_KINDS)[number];

/** A question a vendor asked, labelled with the entry that answers it. */
export interface AskedQuestion {
  readonly q: string;
  /** The id of the entry that answers it. */
  readonly id: string;
  readonly kind?: AskedKind;
}

/** A question a vendor asked that no entry answers. */
export interface OffTopicQuestion {
  readonly q: string;
  readonly kind?: OffTopicKind;
}

/**
 * One asked/*.yaml file: questions vendors asked, labelled by the FAQ team.
 * The same shape as an evaluation set (test/eval), so a labelled set is
 * dropped in the folder as it is.
 */
export interface AskedFile {
  /** Where it was read from (as the loader was given the folder), for messages. */
  readonly file: string;
  readonly inScope: readonly AskedQuestion[];
  readonly outOfScope: readonly OffTopicQuestion[];
  /** Greetings, thanks, insults...: kept, not used yet. */
  readonly smallTalk: readonly { readonly q: string }[];
}

/** The validated KB as the bot and the retriever use it (built by `loadKnowledgeBase`). */
export interface KnowledgeBase {
  readonly entries: readonly FaqEntry[];
  readonly taxonomy: Taxonomy;
  readonly synonyms: readonly SynonymGroup[];
  /** The asked/*.yaml files, in file-name order (none when the folder is absent). Their in-scope questions are the entries' `asked`. */
  readonly asked: readonly AskedFile[];
  /** sha256 of the KB's normalised content: identifies the KB version in logs, manifests and feedback. */
  readonly version: string;
}
