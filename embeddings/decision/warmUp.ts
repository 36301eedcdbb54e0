import { entryPhrasings, foldAccents, type FaqEntry } from '../../knowledge/index.js';
import { roughEnglish } from '../lexical/englishGlossary.js';
import type { Retriever } from '../Retriever.js';
import { answerQuestion } from './answerQuestion.js';

/**
 * Warming the answering path up in the background once a server is ready.
 * The first questions a process answers run in V8's unoptimised tiers: at
 * 10,000 entries the first ~45 take 2-5× longer than the same questions later
 * (README, issue 12). A server that has just started answers its first
 * visitors that slowly unless it has answered something before: here, the
 * KB's own phrasings, as typed, with a letter dropped (the typo search), two
 * of them in one message (a question after its context), typed as in a chat
 * (no accents, capitals or punctuation: short ones are checked as messages that
 * may name nothing), roughly in English (the glossary), between a greeting and
 * thanks typed in a hurry, and the first words of an entry's answer (terms
 * only answers hold). The paths a visitor's question takes should have run here first: else the
 * first visitor to take one waits while V8 compiles it again. Answers are
 * thrown away: nothing is logged, stored or counted, and no memory it fills
 * changes a ranking (they only remember pure results).
 */

/**
 * Most texts a warm-up answers: enough for V8 to optimise the answering path (the first ~45 questions pay for it).
 * 320 rather than 160: at 10,000 shared entries the first pass's CPU p95 (compilation on V8's threads included)
 * went from 3.7 to 2.9 ms (10 runs each), for a warm-up of ~0.9 s of CPU ending ~0.7 s after the server is ready.
 */
export const WARM_UP_TEXTS = 320;
/** A warm-up stops after this long (wall clock, waits for real turns included), done or not. */
export const WARM_UP_BUDGET_MS = 3_000;

/** What a warm-up did. */
export interface WarmUpReport {
  /** Texts answered. */
  readonly answered: number;
  /** Process CPU time while answering them (every thread: the optimising compiler works beside the main thread). */
  readonly cpuMs: number;
  /** From its start to its end, waits included. */
  readonly wallMs: number;
  /** `done`: every text answered; `budget`: out of time; `aborted`: the caller stopped it (the server is closing). */
  readonly ending: 'done' | 'budget' | 'aborted';
}

export interface WarmUpOptions {
  readonly budgetMs?: number;
  /** Resolves when no real turn is being answered (the warm-up waits for it before each text). */
  readonly idle?: () => Promise<void>;
  readonly signal?: AbortSignal;
}

/** The ways warmUpTexts writes a phrasing, in turn (see warmUpTexts). */
const VARIANTS = 7;
/** Words of an entry's answer asked as a message (the warm-up's variant that reads words only answers hold). */
const ANSWER_WORDS = 12;

/**
 * Texts to warm up with, spread over the KB: its phrasings (questions,
 * alternates and the questions vendors asked), a different one at each visit
 * of an entry (the entries are visited again when the KB has fewer than
 * `count`), in turn as typed, with the last letter of their longest word
 * dropped, joined two by two into one longer message, typed as in a chat,
 * roughly in English, between « bonjour » and « mercii », and the first words
 * of their entry's answer.
 */
export function warmUpTexts(entries: readonly FaqEntry[], count = WARM_UP_TEXTS): string[] {
  const phrasings: { readonly text: string; readonly entry: FaqEntry }[] = [];
  const step = Math.max(1, Math.floor(entries.length / count));
  // The k-th visit reads the entry's k-th phrasing (cycling): its first few alone left most ways of asking unseen.
  for (let visit = 0; entries.length > 0 && phrasings.length < count; visit++) {
    const entry = entries[(visit * step) % entries.length];
    const own = entryPhrasings(entry);
    phrasings.push({ text: own[visit % own.length], entry });
  }
  return phrasings.slice(0, count).map(({ text, entry }, i) => {
    switch (i % VARIANTS) {
      case 1:
        return withTypo(text);
      case 2:
        return `${phrasings[(i + 1) % phrasings.length].text} ${text}`;
      case 3:
        return chatStyle(text);
      case 4:
        return roughEnglish(text);
      case 5:
        // Thanks with a letter stretched, as typed in a hurry: the small-talk reader's repairs.
        return `bonjour ${chatStyle(text)} mercii`;
      case 6:
        return entry.answer.split(/\s+/u).slice(0, ANSWER_WORDS).join(' ');
      default:
        return text;
    }
  });
}

/** `text` as typed in a chat: no accents, capitals or punctuation (« referencement obligatoire pour mon appli »). */
function chatStyle(text: string): string {
  return foldAccents(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** `text` with the last letter of its longest word dropped (« référencement » → « référencemen »). */
function withTypo(text: string): string {
  const longest = (text.match(/\p{L}+/gu) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '');
  return longest.length < 6 ? text : text.replace(longest, longest.slice(0, -1));
}

/**
 * Answers `texts` one by one through answerQuestion, yielding to the event
 * loop before each (it never delays what is already waiting, and never blocks
 * the start-up that calls it) and waiting for `idle` (real turns go first),
 * until done, out of budget or aborted. Failures propagate: they would be the
 * first visitor's too.
 */
export async function warmUpAnswering(retriever: Retriever, texts: readonly string[], options: WarmUpOptions = {}): Promise<WarmUpReport> {
  const budget = options.budgetMs ?? WARM_UP_BUDGET_MS;
  const start = performance.now();
  let cpu = 0;
  let answered = 0;
  const report = (ending: WarmUpReport['ending']): WarmUpReport => ({ answered, cpuMs: cpu, wallMs: performance.now() - start, ending });
  for (const text of texts) {
    await new Promise((resolve) => setImmediate(resolve));
    await options.idle?.();
    if (options.signal?.aborted) return report('aborted');
    if (performance.now() - start >= budget) return report('budget');
    const before = process.cpuUsage();
    await answerQuestion(retriever, text);
    const used = process.cpuUsage(before);
    cpu += (used.user + used.system) / 1000;
    answered++;
  }
  return report('done');
}
