/**
 * Phrasing proposals for the curators' console: when a user typed X, the bot
 * could not answer it directly (« Vouliez-vous dire… » or no answer with
 * nearby questions), and the user then picked entry Y — or voted 👍 on Y
 * after the clarification — X is proposed as a new phrasing of Y. Pure.
 */
import { detectSmallTalk } from '../../embeddings/index.js';
import { entryPhrasings, foldForComparison, type FaqEntry } from '../../knowledge/index.js';

/** What the bot decided for a typed question, as the question log records it (`smallTalk`: a kind reply, no search). */
export type LoggedDecision = 'answer' | 'clarify' | 'none' | 'smallTalk';

/**
 * One step of a conversation, as the question log records it. The log's own
 * records map onto these (one `question` per typed question, then one event
 * per thing the user did about it); anything else (triage clicks, restart,
 * comment) is `other` or left out.
 */
export type PhrasingEvent =
  | {
      readonly kind: 'question';
      /** The text as typed (free text only: button clicks are not questions here). */
      readonly text: string;
      readonly decision: LoggedDecision;
      /** Entry ids offered with the decision: the clarify candidates or the nearby questions. */
      readonly offered: readonly string[];
    }
  /** The user clicked entry `entryId` among the offered ones. */
  | { readonly kind: 'pick'; readonly entryId: string }
  /** A 👍 (helpful) or 👎 on the answer `entryId`. */
  | { readonly kind: 'vote'; readonly entryId: string; readonly helpful: boolean }
  /** Anything that ends the question's follow-up (restart, triage, a new subject by button). */
  | { readonly kind: 'other' };

/** The events of one conversation, oldest first; `conversation` is the hashed id (distinct conversations make the evidence). */
export interface ConversationEvents {
  readonly conversation: string;
  readonly events: readonly PhrasingEvent[];
}

/** X proposed as a phrasing of entry Y. */
export interface PhrasingProposal {
  /** Stable key (folded text + entry id): the console keeps accept/reject status under it. */
  readonly key: string;
  /** The phrasing as typed (the most frequent spelling, then the first seen). */
  readonly text: string;
  readonly entryId: string;
  /** Distinct conversations where a user typed this text and then chose this entry. */
  readonly evidence: number;
}

export interface PhrasingProposalOptions {
  /** The current KB entries: texts already phrasings are skipped, unknown entries too. */
  readonly entries: readonly FaqEntry[];
  /** Small talk (« bonjour », « merci ») is never a phrasing. Default: the bot's own detection (`detectSmallTalk`). */
  readonly isSmallTalk?: (text: string) => boolean;
  /** Proposals with less evidence are left out (default 1). */
  readonly minEvidence?: number;
}

/** Ties between texts read in French order (one collator: building one per comparison is slow). */
const FRENCH = new Intl.Collator('fr');

/** Fewer words than this is a greeting or a keyword, not a question worth adding as a phrasing. */
export const MIN_PHRASING_WORDS = 3;

export function derivePhrasingProposals(conversations: Iterable<ConversationEvents>, options: PhrasingProposalOptions): PhrasingProposal[] {
  const owners = new Map<string, string>();
  for (const entry of options.entries) {
    // Its question, alternates and the questions vendors asked that the FAQ team already labelled with it.
    for (const text of entryPhrasings(entry)) owners.set(foldForComparison(text), entry.id);
  }
  const known = new Set(options.entries.map((entry) => entry.id));
  const found = new Map<string, { entryId: string; conversations: Set<string>; spellings: Map<string, number> }>();
  for (const { conversation, events } of conversations) {
    for (const { text, entryId } of pairsOf(events)) {
      const folded = foldForComparison(text);
      if (!known.has(entryId) || owners.has(folded) || !looksLikeQuestion(text, options.isSmallTalk)) continue;
      const key = `${folded}\u0000${entryId}`;
      const proposal = found.get(key) ?? { entryId, conversations: new Set(), spellings: new Map() };
      found.set(key, proposal);
      if (proposal.conversations.has(conversation)) continue;
      proposal.conversations.add(conversation);
      const spelling = text.replace(/\s+/g, ' ').trim();
      proposal.spellings.set(spelling, (proposal.spellings.get(spelling) ?? 0) + 1);
    }
  }
  const minEvidence = options.minEvidence ?? 1;
  return [...found.entries()]
    .map(([key, p]) => ({ key, text: mostFrequent(p.spellings), entryId: p.entryId, evidence: p.conversations.size }))
    .filter((p) => p.evidence >= minEvidence)
    .sort((a, b) => b.evidence - a.evidence || FRENCH.compare(a.text, b.text) || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
}

/**
 * The (typed text, chosen entry) pairs of one conversation. A pick among the
 * offered entries makes a pair, unless the user then votes 👎 on it; a 👍 on
 * an entry offered by the clarification makes one too. The next question ends
 * the follow-up of the previous one.
 */
function pairsOf(events: readonly PhrasingEvent[]): { text: string; entryId: string }[] {
  const pairs = new Map<string, { text: string; entryId: string }>();
  let pending: (PhrasingEvent & { kind: 'question' }) | undefined;
  let picked: string | undefined;
  const keyOf = (text: string, entryId: string): string => `${text}\u0000${entryId}`;
  for (const event of events) {
    switch (event.kind) {
      case 'question':
        pending = event.decision === 'clarify' || event.decision === 'none' ? event : undefined;
        picked = undefined;
        break;
      case 'pick':
        if (pending !== undefined && pending.offered.includes(event.entryId)) {
          picked = event.entryId;
          pairs.set(keyOf(pending.text, picked), { text: pending.text, entryId: picked });
        }
        break;
      case 'vote':
        if (pending === undefined) break;
        if (!event.helpful) pairs.delete(keyOf(pending.text, event.entryId));
        else if (picked === event.entryId || (pending.decision === 'clarify' && pending.offered.includes(event.entryId))) {
          pairs.set(keyOf(pending.text, event.entryId), { text: pending.text, entryId: event.entryId });
        }
        break;
      case 'other':
        pending = undefined;
        picked = undefined;
        break;
    }
  }
  return [...pairs.values()];
}

function looksLikeQuestion(text: string, isSmallTalk: (text: string) => boolean = isBotSmallTalk): boolean {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length >= MIN_PHRASING_WORDS && !isSmallTalk(text);
}

function isBotSmallTalk(text: string): boolean {
  return detectSmallTalk(text) !== undefined;
}

function mostFrequent(spellings: ReadonlyMap<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [spelling, count] of spellings) {
    if (count > bestCount) [best, bestCount] = [spelling, count];
  }
  return best;
}
