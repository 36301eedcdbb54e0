import { beforeAll, describe, expect, it } from 'vitest';
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
    const web = answerReply(entry, 4, 'web');
    const teams = answerReply(entry, 4, 'teams');
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
      { title: a.question, data: { faq: 1, action: 'answer', id: a.id, turn: 9 } },
      { title: b.question, data: { faq: 1, action: 'answer', id: b.id, turn: 9 } },
      { title: messages.noneOfThese, data: { faq: 1, action: 'none', turn: 9 } },
    ]);
    expect(cardsOf(questionsReply(['x'], [a], 1, false))[0].buttons.map((button) => button.title)).toEqual([a.question]);
  });

  it('asks a triage question with its prompt and one button per choice', () => {
    const step = nextTriageStep(kb, {});
    if (step.kind !== 'ask') throw new Error('the first triage step asks a question');
    const [card] = cardsOf(triageQuestionReply(step.question, step.choices, 2));
    expect(card.texts).toEqual([step.question.prompt]);
    expect(card.buttons).toEqual(
      step.choices.map((choice) => ({ title: choice.label, data: { faq: 1, action: 'choose', facet: step.question.facet, value: choice.value, turn: 2 } })),
    );
  });

  it('introduces the triage results, saying when only some are shown', () => {
    expect(triageResultsTexts(3, 3)).toEqual([messages.triageResults, messages.triageInviteTyping]);
    expect(triageResultsTexts(5, 8)).toEqual([messages.triageResultsMore(5, 8), messages.triageInviteTyping]);
  });

  it('ends an empty branch, an unanswered question and "none of these" with contacts and a way on', () => {
    expect(cardsOf(emptyBranchReply('Hôpital'))[0]).toEqual({
      texts: [messages.emptyBranch('Hôpital')],
      buttons: [
        { title: messages.buttonTypeQuestion, data: { faq: 1, action: 'ask' } },
        { title: messages.buttonRestart, data: { faq: 1, action: 'restart' } },
        { title: messages.buttonContact, data: { faq: 1, action: 'contact' } },
      ],
    });
    // The innovation branch has its own address; elsewhere the generic contact form comes too.
    expect(cardsOf(notFoundReply({ offer: 'innovation' }, 'la météo'))[0].texts).toEqual([
      messages.notFound('la météo'),
      messages.notFoundNoted,
      messages.contactInnovation,
      messages.rephrase,
    ]);
    expect(cardsOf(notFoundReply({}, undefined))[0].texts).toEqual([messages.notFoundNoted, messages.contactInnovation, messages.contactGeneric, messages.rephrase]);
    expect(cardsOf(noneChosenReply({}))[0].texts[0]).toBe(messages.noneChosen);
  });

  it('builds the stale-button, comment-prompt and contact replies', () => {
    expect(cardsOf(staleButtonReply(messages.staleButton))[0].buttons).toEqual([{ title: messages.buttonRestart, data: { faq: 1, action: 'restart' } }]);
    expect(cardsOf(commentPromptReply(6))[0]).toEqual({ texts: [messages.commentPrompt], buttons: [{ title: messages.buttonSkip, data: { faq: 1, action: 'skip', turn: 6 } }] });
    expect(readableText(contactReply())).toBe(`${messages.contactInnovation}\n\n${messages.contactGeneric}`);
  });
});
