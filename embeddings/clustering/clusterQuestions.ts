/**
 * Groups the questions the bot could not answer into clusters of similar
 * questions, with the bot's own French analysis (the lexical analyser: accents,
 * elisions, KB synonyms, stop words, stems), so « référencement MES » and
 * « être référencé dans Mon espace santé » meet. Then each cluster gets its
 * nearest KB entry from the bot's retriever. Deterministic: the same input
 * gives the same clusters in the same order.
 */
import { foldForComparison, type KnowledgeBase } from '../../knowledge/index.js';
import { kbDocuments } from '../fusion/createKbRetriever.js';
import { createFrenchAnalyzer, type TextAnalyzer } from '../lexical/frenchAnalyzer.js';
import type { Retriever } from '../Retriever.js';

/** One distinct question text and how often it was asked. */
export interface QuestionSample {
  /** The caller's id for the text (a log id, or the folded text itself). */
  readonly id: string;
  readonly text: string;
  /** Times asked (default 1). */
  readonly count?: number;
}

/** A member of a cluster, with its count. */
export interface ClusterMember {
  readonly id: string;
  readonly text: string;
  readonly count: number;
}

/** A group of similar questions, most asked first. */
export interface QuestionCluster {
  /**
   * The folded text of the cluster's first member. It changes when a more
   * frequent question joins, so the console keeps statuses per member text,
   * not per cluster.
   */
  readonly key: string;
  /** Questions asked in the cluster (sum of the members' counts). */
  readonly count: number;
  /** Every member, most asked first; the first ones are the examples to show. */
  readonly members: readonly ClusterMember[];
  /** The KB entry closest to the cluster, by the bot's retriever (absent without a retriever or a match). */
  readonly nearest?: NearestEntry;
}

/** The entry a cluster is closest to. */
export interface NearestEntry {
  readonly entryId: string;
  readonly question: string;
  /** The retriever's calibrated score, averaged over the scored members (weighted by count). */
  readonly score: number;
}

/**
 * Cosine similarity (TF-IDF over analysed tokens, with the KB's phrasings as
 * background) a question needs with a cluster to join it. Read off the two
 * realistic sets in test/embeddings/clustering/ together: at 0.2, « quand
 * sera versé le financement Ségur pour notre logiciel » joins the DMP
 * questions about « notre logiciel »; from 0.25 to 0.4 no cluster mixes two
 * subjects, and every topic but one stays whole. 0.35 sits in that range.
 * Splitting a topic costs the curator a second look; merging two hides one.
 */
export const CLUSTER_SIMILARITY = 0.35;
/** Members whose retrieval decides a cluster's nearest entry: the most asked ones. */
export const NEAREST_SAMPLE = 3;
/** Entries ranked per scored member. */
const NEAREST_K = 3;

type Vector = Map<string, number>;

/** Ties between texts read in French order; one collator, as building one per comparison is slow. */
const FRENCH = new Intl.Collator('fr');

/** Total order on ids, independent of the locale. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Building {
  readonly members: ClusterMember[];
  /** Sum of the members' unit vectors, weighted by count. */
  readonly centroid: Vector;
  /** Squared length of the centroid, kept up to date as members join. */
  normSquared: number;
}

/**
 * Clusters `samples` by leader clustering: questions are taken most asked
 * first, each joins the most similar cluster (cosine with its centroid) when
 * at least `similarity`, else starts one. Questions without any meaningful
 * word ("???") are grouped only with identical texts.
 */
export function clusterQuestions(samples: readonly QuestionSample[], analyzer: TextAnalyzer, options: ClusterOptions = {}): QuestionCluster[] {
  const similarity = options.similarity ?? CLUSTER_SIMILARITY;
  const members = mergeIdentical(samples);
  const tokens = members.map((member) => features(analyzer.analyze(member.text)));
  const background = (options.background ?? []).map((text) => features(analyzer.analyze(text)));
  const documentFrequency = new Map<string, number>();
  for (const list of [...tokens, ...background]) for (const token of new Set(list)) documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
  const documents = tokens.length + background.length;
  const idf = (token: string): number => Math.log(1 + documents / (documentFrequency.get(token) ?? 1));

  const clusters: Building[] = [];
  const byToken = new Map<string, number[]>();
  members.forEach((member, index) => {
    const vector = unitVector(tokens[index], idf);
    let best = -1;
    let bestSimilarity = 0;
    const candidates = new Set([...vector.keys()].flatMap((token) => byToken.get(token) ?? []));
    for (const candidate of [...candidates].sort((x, y) => x - y)) {
      const cluster = clusters[candidate];
      let dot = 0;
      for (const [token, weight] of vector) dot += weight * (cluster.centroid.get(token) ?? 0);
      const cosine = dot / Math.sqrt(cluster.normSquared);
      if (cosine > bestSimilarity) [best, bestSimilarity] = [candidate, cosine];
    }
    if (best < 0 || bestSimilarity < similarity) {
      best = clusters.length;
      clusters.push({ members: [], centroid: new Map(), normSquared: 0 });
    }
    const cluster = clusters[best];
    cluster.members.push(member);
    for (const [token, weight] of vector) {
      const before = cluster.centroid.get(token);
      if (before === undefined) {
        const holders = byToken.get(token);
        if (holders === undefined) byToken.set(token, [best]);
        else holders.push(best);
      }
      const after = (before ?? 0) + weight * member.count;
      cluster.centroid.set(token, after);
      cluster.normSquared += after * after - (before ?? 0) ** 2;
    }
  });
  return clusters
    .map((cluster) => ({
      key: foldForComparison(cluster.members[0].text),
      count: cluster.members.reduce((sum, member) => sum + member.count, 0),
      members: cluster.members,
    }))
    .sort((a, b) => b.count - a.count || FRENCH.compare(a.key, b.key) || byCodePoint(a.key, b.key));
}

/** Tuning of `clusterQuestions`. */
export interface ClusterOptions {
  /** Default `CLUSTER_SIMILARITY`. */
  readonly similarity?: number;
  /**
   * Texts whose words are common knowledge, not a subject: the KB's questions
   * and alternates (`kbDocuments(entries)` texts). Words frequent there (« catalogue »,
   * « services ») weigh less, words the KB lacks (« HDS ») weigh more.
   */
  readonly background?: readonly string[];
}

/** What `clusterUnanswered` needs from the bot: its retriever and the KB it was built for. */
export interface ClusteringTools {
  readonly retriever: Retriever;
  /** Its phrasings are the background (see `ClusterOptions.background`), its synonyms feed the analyser. */
  readonly kb: KnowledgeBase;
  /** Default: the bot's French analyser for `kb` (`createFrenchAnalyzer(kb.synonyms)`, as the retriever's lexical index). */
  readonly analyzer?: TextAnalyzer;
}

/**
 * Clusters unanswered questions and finds each cluster's nearest entry. Only
 * the first `limit` clusters (most asked) are returned and scored: a dense
 * retriever embeds every scored text.
 */
export async function clusterUnanswered(
  samples: readonly QuestionSample[],
  tools: ClusteringTools,
  options: { readonly limit?: number; readonly similarity?: number } = {},
): Promise<QuestionCluster[]> {
  const analyzer = tools.analyzer ?? createFrenchAnalyzer(tools.kb.synonyms);
  const background = kbDocuments(tools.kb.entries).map((document) => document.text);
  const clusters = clusterQuestions(samples, analyzer, { similarity: options.similarity, background }).slice(0, options.limit);
  const result: QuestionCluster[] = [];
  for (const cluster of clusters) {
    const nearest = await nearestEntry(cluster.members.slice(0, NEAREST_SAMPLE), tools.retriever);
    result.push(nearest === undefined ? cluster : { ...cluster, nearest });
  }
  return result;
}

/** The entry with the highest count-weighted score over the members' rankings; ties go to the smaller id. */
async function nearestEntry(members: readonly ClusterMember[], retriever: Retriever): Promise<NearestEntry | undefined> {
  const totals = new Map<string, { question: string; weighted: number }>();
  let weight = 0;
  for (const member of members) {
    const ranked = (await retriever.score(member.text)).rank({ k: NEAREST_K }).ranked;
    weight += member.count;
    for (const { entry, score } of ranked) {
      const total = totals.get(entry.id) ?? { question: entry.question, weighted: 0 };
      total.weighted += score * member.count;
      totals.set(entry.id, total);
    }
  }
  const [best] = [...totals.entries()].sort(([idA, a], [idB, b]) => b.weighted - a.weighted || byCodePoint(idA, idB));
  if (best === undefined || weight === 0) return undefined;
  return { entryId: best[0], question: best[1].question, score: best[1].weighted / weight };
}

/** Samples with the same folded text are one member (counts added, first id and spelling kept), most asked first. */
function mergeIdentical(samples: readonly QuestionSample[]): ClusterMember[] {
  const byText = new Map<string, ClusterMember>();
  for (const sample of samples) {
    const count = sample.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new Error(`clusterQuestions: count of "${sample.id}" must be a positive integer (got ${count})`);
    const key = foldForComparison(sample.text);
    const known = byText.get(key);
    // The smallest id names the member, whatever the input order.
    const named = known === undefined || sample.id < known.id ? { id: sample.id, text: sample.text.trim() } : known;
    byText.set(key, { id: named.id, text: named.text, count: count + (known?.count ?? 0) });
  }
  return [...byText.values()].sort((a, b) => b.count - a.count || FRENCH.compare(a.text, b.text) || byCodePoint(a.id, b.id));
}

/**
 * Length of the stem prefix added as a second feature: the French stemmer
 * leaves some inflections apart (« hébergeur » → "hebergeur", « héberger » →
 * "heberg"; « référencée » → "reference", « référencement » → "referenc"),
 * and their common prefix brings them together.
 */
export const STEM_PREFIX_LENGTH = 6;

/** Each stem, plus its prefix for stems long enough to have inflections. */
function features(stems: readonly string[]): string[] {
  return stems.flatMap((stem) => (stem.length >= STEM_PREFIX_LENGTH - 1 ? [`=${stem}`, `~${stem.slice(0, STEM_PREFIX_LENGTH)}`] : [`=${stem}`]));
}

/** TF-IDF vector of a token list, scaled to unit length (empty for no token). */
function unitVector(tokens: readonly string[], idf: (token: string) => number): Vector {
  const vector: Vector = new Map();
  for (const token of tokens) vector.set(token, (vector.get(token) ?? 0) + idf(token));
  let squared = 0;
  for (const weight of vector.values()) squared += weight * weight;
  const norm = Math.sqrt(squared);
  for (const [token, weight] of vector) vector.set(token, weight / norm);
  return vector;
}
