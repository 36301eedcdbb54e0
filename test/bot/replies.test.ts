import { beforeAll, describe, expect, it } from 'vitest';
import { frenchSpacing } from '../../bot/frenchTypography.js';
import { messages } from '../../bot/messages.js';
import {
  answerReply,
  commentPromptReply,
  contactReply,
  emptyBranchReply,
  noneChosenReply,
  notFoundReply,
  questionsReply,
  replyChannelOf,
  staleButtonReply,
  triageQuestionReply,
  triageResultsTexts,
} from '../../bot/replies.js';
import { nextTriageStep } from '../../bot/triage.js';
import type { FaqEntry, KnowledgeBase } from '../../knowledge/index.js';
import { loadFixtureKnowledgeBase } from '../fixtures/kb.js';
import { cardsOf, isAnswer, readableText } from './support/activities.js';

let kb: KnowledgeBase;
let entry: FaqEntry;
beforeAll(async () => {
  kb = await loadFixtureKnowledgeBase();
  entry = kb.entries[0];
});

describe('reply builders (pure: no TurnContext)', () => {
  it('builds the answer card for the web and, on Teams, with the native feedback loop', () => {
    expect(replyChannelOf('msteams')).toBe('teams');
    expect(replyChannelOf('directline')).toBe('web');
    expect(replyChannelOf(undefined)).toBe('web');
    const trust = { reviewedLabel: '26 novembre 2026', outdated: false, maxAgeMonths: 12 };
    const web = answerReply(entry, 4, 'web', trust);
    const teams = answerReply(entry, 4, 'teams', trust);
    expect(isAnswer(web)).toBe(true);
    expect(web.channelData).toBeUndefined();
    expect(teams.channelData).toEqual({ feedbackLoop: { type: 'default' } });
    expect(teams.attachments).toEqual(web.attachments);
    expect(cardsOf(web)[0].buttons.map((b) => b.data)).toEqual([
      { faq: 1, action: 'vote', helpful: true, turn: 4 },
      { faq: 1, action: 'vote', helpful: false, turn: 4 },
    ]);
  });

  it('lists questions as buttons carrying their entry and the list nonce, with "Aucune de ces questions" when asked', () => {
    const [a, b] = kb.entries;
    const [card] = cardsOf(questionsReply([messages.clarify], [a, b], 9, true));
    expect(card.texts).toEqual([messages.clarify]);
    expect(card.buttons).toEqual([
      { title: frenchSpacing(a.question), data: { faq: 1, action: 'answer', id: a.id, turn: 9 } },
      { title: frenchSpacing(b.question), data: { faq: 1, action: 'answer', id: b.id, turn: 9 } },
      { title: messages.noneOfThese, data: { faq: 1, action: 'none', turn: 9 } },
    ]);
    expect(cardsOf(questionsReply(['x'], [a], 1, false))[0].buttons.map((button) => button.title)).toEqual([frenchSpacing(a.question)]);
  });

  it('places the texts meant for after a list below its buttons', () => {
    const [a, b] = kb.entries;
    const reply = questionsReply(['Avant'], [a, b], 3, false, ['Après']);
    expect(cardsOf(reply)[0].texts).toEqual(['Avant', 'Après']);
    const content: unknown = reply.attachments?.[0].content;
    expect(content).toMatchObject({
      body: [
        { type: 'TextBlock', text: 'Avant' },
        { type: 'ActionSet', actions: [{ title: frenchSpacing(a.question) }, { title: frenchSpacing(b.question) }] },
        { type: 'TextBlock', text: 'Après' },
      ],
    });
    expect(content).not.toHaveProperty('actions');
  });

  it('asks a triage question with its prompt and one button per choice', () => {
    const step = nextTriageStep(kb, {});
    if (step.kind !== 'ask') throw new Error('the first triage step asks a question');
    const [card] = cardsOf(triageQuestionReply(step.question, step.choices, 2));
    expect(card.texts).toEqual([frenchSpacing(step.question.prompt)]);
    expect(card.buttons).toEqual(
      step.choices.map((choice) => ({ title: choice.label, data: { faq: 1, action: 'choose', facet: step.question.facet, value: choice.value, turn: 2 } })),
    );
  });

  it('introduces the triage results, saying when only some are shown, and invites to type after the list', () => {
    expect(triageResultsTexts(3, 3)).toEqual({ before: [messages.triageResults], after: [messages.triageInviteTyping] });
    expect(triageResultsTexts(5, 8)).toEqual({ before: [messages.triageResultsMore(5, 8)], after: [messages.triageInviteTyping] });
  });

  it('ends an empty branch, an unanswered question and "none of these" with the offer\'s contact only, and a way on', () => {
    const innovation = [{ label: 'Offre innovation de l’ANS', contact: 'innovation@esante.gouv.fr' }];
    const contactLine = 'Pour « Offre innovation de l’ANS », écrivez à [innovation@esante.gouv.fr](mailto:innovation@esante.gouv.fr).'.replace(/« | »/g, (m) => m.replace(' ', '\u00a0'));
    expect(cardsOf(emptyBranchReply('Hôpital', []))[0]).toEqual({
      texts: [messages.emptyBranch('Hôpital')],
      buttons: [
        { title: messages.buttonTypeQuestion, data: { faq: 1, action: 'ask' } },
        { title: messages.buttonRestart, data: { faq: 1, action: 'restart' } },
      ],
    });
    expect(cardsOf(emptyBranchReply('Offre innovation de l’ANS', innovation))[0].buttons.at(-1)).toEqual({ title: messages.buttonContact, data: { faq: 1, action: 'contact' } });
    expect(cardsOf(notFoundReply(innovation, 'la météo'))[0].texts).toEqual([messages.notFound('la météo'), messages.notFoundNoted, contactLine, messages.rephrase]);
    // No contact known (Ségur): none is shown, rather than an unrelated one.
    expect(cardsOf(notFoundReply([], undefined))[0].texts).toEqual([messages.notFoundNoted, messages.rephrase]);
    expect(cardsOf(noneChosenReply([]))[0].texts).toEqual([messages.noneChosen, messages.rephrase]);
    expect(readableText(contactReply(innovation))).toBe(contactLine);
  });

  it('builds the stale-button and comment-prompt replies', () => {
    expect(cardsOf(staleButtonReply(messages.staleButton))[0].buttons).toEqual([{ title: messages.buttonRestart, data: { faq: 1, action: 'restart' } }]);
    expect(cardsOf(commentPromptReply(6))[0]).toEqual({ texts: [messages.commentPrompt], buttons: [{ title: messages.buttonSkip, data: { faq: 1, action: 'skip', turn: 6 } }] });
  });
});
