/**
 * `npm run ask` and the bot answer through the same path: every question of
 * both evaluation sets, asked through `ask --json`'s code and typed into the
 * bot (on the real KB, without triage facets and within each offer chosen by
 * a triage click), gets the same decision: the same kind, the same entries
 * shown, the same facet relaxation; small talk gets the kind reply from both.
 */
import { frenchSpacing } from '../../../bot/frenchTypography.js';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../../adapters/cli/ask.js';
import { messages } from '../../../bot/index.js';
import { createKbRetriever, shownEntries, type Answer, type Retriever } from '../../../embeddings/index.js';
import { isRecord, type FacetFilter, type KnowledgeBase } from '../../../knowledge/index.js';
import { classifyInput } from '../../../bot/userInput.js';
import { cardsOf, isAnswer } from '../../bot/support/activities.js';
import { createHarness, type Harness } from '../../bot/support/harness.js';
import { loadEvalSet } from '../../eval/evalSet.js';
import { loadRealKnowledgeBase, REPO_ROOT } from '../../fixtures/kb.js';

const SETS = ['knowledge/data/asked/tuning-v2.yaml', 'test/eval/heldout-v2.yaml'];

/** What a user sees decided: the kind, and the entries shown (the answer, the candidates, or the nearby questions). */
interface Shown {
  readonly kind: Answer['kind'];
  readonly ids: readonly string[];
  readonly relaxed: boolean;
}

let kb: KnowledgeBase;
let retriever: Retriever;
let questions: string[];
beforeAll(async () => {
  kb = await loadRealKnowledgeBase();
  retriever = (await createKbRetriever({ kb, mode: 'lexical' })).retriever;
  const sets = await Promise.all(SETS.map((file) => loadEvalSet(`${REPO_ROOT}/${file}`, kb)));
  // Messages without words and typed commands (« aide ») never reach the answering path: the bot routes them first.
  questions = sets
    .flatMap((set) => [...set.inScope, ...set.outOfScope, ...(set.smallTalk ?? [])].map((item) => item.q))
    .filter((q) => classifyInput(q, undefined).kind === 'text');
});

function shownByAsk(answer: Answer): Shown {
  const entries = answer.kind === 'answer' ? [answer.best] : shownEntries(answer);
  return { kind: answer.kind, ids: entries.map((ranked) => ranked.entry.id), relaxed: answer.relaxed };
}

/** The reply the bot gives to each kind of small talk, as its first text. */
function smallTalkKindOf(replies: readonly Partial<Activity>[]): boolean {
  const texts = [...replies.map((reply) => reply.text), ...replies.flatMap(cardsOf).flatMap((card) => card.texts)];
  return texts.some((text) => text === messages.help || Object.values(messages.smallTalk).includes(text ?? ''));
}

/** Reads the decision off the bot's replies to one typed question, as a user would see it. */
function shownByBot(replies: readonly Partial<Activity>[]): Shown {
  if (smallTalkKindOf(replies)) return { kind: 'smallTalk', ids: [], relaxed: false };
  const relaxed = replies.some((reply) => reply.text === messages.relaxed);
  const answer = replies.find(isAnswer);
  if (answer) {
    const heading = cardsOf(answer)[0].texts[0];
    const ids = kb.entries.filter((entry) => frenchSpacing(entry.question) === heading).map((entry) => entry.id);
    return { kind: 'answer', ids, relaxed };
  }
  const cards = replies.flatMap(cardsOf);
  const buttonIds = (texts: readonly string[]): string[] =>
    (cards.find((card) => texts.every((text) => card.texts.includes(text)))?.buttons ?? []).flatMap((button) =>
      isRecord(button.data) && button.data.action === 'answer' && typeof button.data.id === 'string' ? [button.data.id] : [],
    );
  if (cards.some((card) => card.texts[0] === messages.clarify)) return { kind: 'clarify', ids: buttonIds([messages.clarify]), relaxed };
  if (cards.some((card) => card.texts.includes(messages.notFoundNoted))) return { kind: 'none', ids: buttonIds([messages.nearby]), relaxed };
  throw new Error(`the bot neither answered, clarified nor declined: ${JSON.stringify(replies)}`);
}

/** A bot conversation whose triage facets are `facets` (chosen by clicking the triage's buttons, as a user does). */
async function conversationWithin(facets: FacetFilter): Promise<Harness> {
  const harness = await createHarness({ kb, retriever });
  let replies = await harness.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'Camille' }] });
  for (const [facet, value] of Object.entries(facets)) {
    const button = replies.flatMap(cardsOf).flatMap((card) => card.buttons).find((b) => isRecord(b.data) && b.data.facet === facet && b.data.value === value);
    if (!button) throw new Error(`no triage button for ${facet}=${value}`);
    replies = await harness.send({ type: 'message', value: button.data });
  }
  return harness;
}

/** No facet, then each offer of the first clarifying question that leads to entries (read from the real taxonomy). */
function facetCases(): FacetFilter[] {
  const first = kb.taxonomy.questions[0];
  const offers = first.choices.filter((choice) => kb.entries.some((entry) => entry[first.facet] === choice.value));
  return [{}, ...offers.map((choice) => ({ [first.facet]: choice.value }))];
}

describe('ask --json and the bot give the same decision', () => {
  const harnesses: Harness[] = [];
  afterAll(async () => {
    for (const harness of harnesses) await harness.close();
  });

  it('for every question of both evaluation sets, without facets and within each offer', async () => {
    expect(questions.length).toBeGreaterThan(0);
    const kinds = new Set<string>();
    let relaxedSeen = 0;
    for (const facets of facetCases()) {
      const harness = await conversationWithin(facets);
      harnesses.push(harness);
      for (const question of questions) {
        const where = `${JSON.stringify(facets)} « ${question} »`;
        const { answer, result } = await ask(retriever, question, facets);
        const expected = shownByAsk(answer);
        expect(shownByBot(await harness.send({ type: 'message', text: question })), where).toEqual(expected);
        // The JSON line says the same: answered unless declined, with the answer or the first candidate.
        expect(result.answered, where).toBe(answer.kind !== 'none' && answer.kind !== 'smallTalk');
        expect(result.answer?.id ?? null, where).toBe(answer.kind === 'none' || answer.kind === 'smallTalk' ? null : expected.ids[0]);
        expect(result.shown, where).toEqual(answer.kind === 'answer' ? [] : expected.ids);
        expect(result.decision, where).toBe(answer.kind === 'smallTalk' ? 'none' : answer.kind);
        kinds.add(answer.kind);
        if (answer.relaxed) relaxedSeen += 1;
      }
      expect(harness.logs.filter((line) => line.level === 'error'), JSON.stringify(facets)).toEqual([]);
    }
    // The replay went through every kind of decision and through the facet relaxation.
    expect([...kinds].sort()).toEqual(['answer', 'clarify', 'none', 'smallTalk']);
    expect(relaxedSeen).toBeGreaterThan(0);
  }, 120_000);
});
