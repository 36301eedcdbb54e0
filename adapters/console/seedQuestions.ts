/**
 * Plausible question-log traffic for demonstrations and the console bench:
 * deterministic (a seeded PRNG), spread over the last `days` Paris days, in
 * the proportions a FAQ bot sees. The questions are the KB's own phrasings;
 * the unanswered ones come from a short list of out-of-scope subjects.
 */
import type { DecisionKind, QuestionEvent, QuestionRecord } from '../../bot/index.js';
import type { FaqEntry } from '../../knowledge/index.js';
import { seededRandom } from './seededRandom.js';

export interface SeedOptions {
  readonly count: number;
  /** Days back from `now` the questions spread over. */
  readonly days: number;
  readonly now: Date;
  readonly kbVersion: string;
  readonly seed?: number;
}

export interface SeedBatch {
  readonly questions: QuestionRecord[];
  readonly events: QuestionEvent[];
}

/** Questions the FAQ does not cover, asked again and again with small variations. */
const OUT_OF_SCOPE = [
  'Comment obtenir une carte CPS pour un médecin ?',
  'Quel est le tarif du référencement ?',
  'Où télécharger le logiciel DMP ?',
  'Comment contacter le support technique de Mon espace santé ?',
  'Le référencement est-il possible pour une application vétérinaire ?',
  'Quels sont les délais de paiement du financement Ségur ?',
];
const VARIATIONS = ['', ' svp', ' ?', ' merci', ' (urgent)'];
const DAY_MS = 24 * 60 * 60 * 1000;

export function seedQuestions(entries: readonly FaqEntry[], options: SeedOptions): SeedBatch {
  if (entries.length < 3) throw new Error('seedQuestions: the KB needs at least 3 entries');
  const random = seededRandom(options.seed ?? 14);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const questions: QuestionRecord[] = [];
  const events: QuestionEvent[] = [];
  const start = options.now.getTime() - options.days * DAY_MS;
  for (let i = 0; i < options.count; i++) {
    const id = `seed-${i}`;
    const time = new Date(start + Math.floor(random() * options.days * DAY_MS)).toISOString();
    const at = (ms: number): string => new Date(Date.parse(time) + ms).toISOString();
    const [best, second, third] = [pick(entries), pick(entries), pick(entries)];
    const roll = random();
    const decision: DecisionKind = roll < 0.55 ? 'answer' : roll < 0.7 ? 'clarify' : roll < 0.82 ? 'none' : roll < 0.96 ? 'list' : 'empty';
    const typed = decision !== 'list' && decision !== 'empty';
    const text = decision === 'none' ? pick(OUT_OF_SCOPE) + pick(VARIATIONS) : typed ? pick([best.question, ...best.alternates]) : `offer=${best.offer} > theme=${best.theme}`;
    const candidates =
      decision === 'empty' ? [] : decision === 'none' ? [{ id: second.id, score: 0.2 }] : [{ id: best.id, score: 0.5 + random() / 2 }, { id: second.id, score: 0.4 }, { id: third.id, score: 0.3 }];
    questions.push({
      id, time, channel: random() < 0.8 ? 'webchat' : 'msteams', kbVersion: random() < 0.9 ? options.kbVersion : 'previous',
      conversationHash: `conv-${Math.floor(i / 3)}`, source: typed ? 'typed' : 'triage', text, facets: typed ? {} : { offer: best.offer, theme: best.theme },
      decision, candidates,
    });
    let shown = decision === 'answer' ? best.id : undefined;
    if ((decision === 'clarify' || decision === 'list') && random() < 0.7) {
      shown = pick(candidates).id;
      events.push({ questionId: id, time: at(20_000), kind: 'clicked', entryId: shown });
    }
    if (decision === 'clarify' && shown === undefined && random() < 0.4) events.push({ questionId: id, time: at(25_000), kind: 'rejected' });
    if (shown !== undefined && random() < 0.35) {
      const helpful = random() < 0.75;
      events.push({ questionId: id, time: at(40_000), kind: 'voted', entryId: shown, helpful, voteKey: `vote-${i}` });
      if (!helpful && random() < 0.4) events.push({ time: at(60_000), kind: 'commented', voteKey: `vote-${i}`, comment: 'Il manque un exemple concret.' });
    }
  }
  return { questions, events };
}
