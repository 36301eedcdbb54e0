import { Channels, MessageFactory, type Activity } from 'botbuilder';
import type { SmallTalkKind } from '../embeddings/index.js';
import type { FaqEntry, TaxonomyQuestion } from '../knowledge/index.js';
import { contactMarkdown } from './answerRendering.js';
import { frenchSpacing } from './frenchTypography.js';
import type { AnswerTrust } from './answerTrust.js';
import { answerCard, buttonsCard, type Button } from './cards.js';
import { messages } from './messages.js';
import { TEAMS_FEEDBACK_LOOP } from './teamsFeedback.js';
import type { OfferContact, TriageChoice } from './triage.js';
import { MAX_MESSAGE_CHARS } from './userInput.js';

/**
 * Pure reply builders: from what the bot decided (an answer, a list of
 * questions, a triage step, a dead end) to the activity to send, for the web
 * chat and for Teams. `turn` is the nonce the card's buttons carry, handed
 * out by ConversationMemory; nothing here reads state or sends anything.
 */

/** Where a reply goes: Teams gets its native feedback buttons on answers; every other channel gets the plain card. */
export type ReplyChannel = 'teams' | 'web';

export function replyChannelOf(channelId: string | undefined): ReplyChannel {
  return channelId === Channels.Msteams ? 'teams' : 'web';
}

/** An entry's question offered as a button (triage results, "Vouliez-vous dire…", nearby questions, next best). */
export type QuestionButton = Pick<FaqEntry, 'id' | 'question'>;

/**
 * The verbatim answer card with its source, review date and 👍 / 👎; on Teams
 * also the native feedback loop, whose votes land in the same store.
 */
export function answerReply(entry: FaqEntry, turn: number, channel: ReplyChannel, trust: AnswerTrust): Partial<Activity> {
  const activity = MessageFactory.attachment(answerCard(entry, turn, trust));
  if (channel === 'teams') activity.channelData = structuredClone(TEAMS_FEEDBACK_LOOP);
  return activity;
}

/** Texts above a list of question buttons, optionally closed by "Aucune de ces questions", and texts `after` it. */
export function questionsReply(
  texts: readonly string[],
  questions: readonly QuestionButton[],
  turn: number,
  withNone: boolean,
  after: readonly string[] = [],
): Partial<Activity> {
  // Our questions and the taxonomy's prompts get French spacing when shown (so a « ? » never starts a line); the agency's answers do not.
  const buttons: Button[] = questions.map((q) => ({ title: frenchSpacing(q.question), payload: { action: 'answer', id: q.id, turn } }));
  if (withNone) buttons.push({ title: messages.noneOfThese, payload: { action: 'none', turn } });
  return MessageFactory.attachment(buttonsCard(texts, buttons, after));
}

/** A clarifying question of the triage, its choices as buttons. */
export function triageQuestionReply(question: TaxonomyQuestion, choices: readonly TriageChoice[], turn: number): Partial<Activity> {
  const { facet } = question;
  const buttons: Button[] = choices.map((choice) => ({ title: choice.label, payload: { action: 'choose', facet, value: choice.value, turn } }));
  return MessageFactory.attachment(buttonsCard([frenchSpacing(question.prompt)], buttons));
}

/**
 * The triage reached a branch the FAQ does not cover yet: say so, and offer to
 * type the question (it goes to the curators), to restart, or to write to the
 * offer's contact when the taxonomy names one, never to an unrelated one.
 */
export function emptyBranchReply(label: string, contacts: readonly OfferContact[]): Partial<Activity> {
  const buttons: Button[] = [{ title: messages.buttonTypeQuestion, payload: { action: 'ask' } }, restartButton()];
  if (contacts.length > 0) buttons.push({ title: messages.buttonContact, payload: { action: 'contact' } });
  return MessageFactory.attachment(buttonsCard([messages.emptyBranch(label)], buttons));
}

/** The triage results: the intro above the list (all of them, or the first few of more), the invitation to type below it. */
export function triageResultsTexts(shown: number, total: number): { readonly before: string[]; readonly after: string[] } {
  return { before: [shown < total ? messages.triageResultsMore(shown, total) : messages.triageResults], after: [messages.triageInviteTyping] };
}

/**
 * The end of an unanswered question: it was noted, whom to write to, and how
 * to go on. `quoted` is the question as it may be quoted back (see
 * `quoteUserText`); absent when the nearby questions already said so.
 */
export function notFoundReply(contacts: readonly OfferContact[], quoted: string | undefined): Partial<Activity> {
  const texts = quoted === undefined ? [messages.notFoundNoted] : [messages.notFound(quoted), messages.notFoundNoted];
  return MessageFactory.attachment(buttonsCard([...texts, ...contactLines(contacts), messages.rephrase], [restartButton()]));
}

/**
 * The kind reply to small talk: help gets the help text; a request for a
 * human and a complaint get the contacts and a way to start again.
 */
export function smallTalkReply(kind: SmallTalkKind, contacts: readonly OfferContact[]): Partial<Activity> {
  if (kind === 'help') return MessageFactory.text(messages.help);
  if (kind === 'human' || kind === 'complaint') {
    return MessageFactory.attachment(buttonsCard([messages.smallTalk[kind], ...contactLines(contacts)], [restartButton()]));
  }
  return MessageFactory.text(messages.smallTalk[kind]);
}

/** "Aucune de ces questions": noted, whom to write to, and how to go on. */
export function noneChosenReply(contacts: readonly OfferContact[]): Partial<Activity> {
  return MessageFactory.attachment(buttonsCard([messages.noneChosen, ...contactLines(contacts), messages.rephrase], [restartButton()]));
}

/** A kind reply to a button that cannot be used (stale or unknown), with a way out. */
export function staleButtonReply(text: string): Partial<Activity> {
  return MessageFactory.attachment(buttonsCard([text], [restartButton()]));
}

/** The optional comment after a 👎, with a "Passer" button. */
export function commentPromptReply(turn: number): Partial<Activity> {
  return MessageFactory.attachment(buttonsCard([messages.commentPrompt], [{ title: messages.buttonSkip, payload: { action: 'skip', turn } }]));
}

export function longMessageReply(): Partial<Activity> {
  return MessageFactory.text(messages.longMessage(MAX_MESSAGE_CHARS));
}

/** « Écrire à l’ANS »: the contacts of the user's offer (see `offerContacts`); offered only when there is one. */
export function contactReply(contacts: readonly OfferContact[]): Partial<Activity> {
  return MessageFactory.text(contactLines(contacts).join('\n\n'));
}

/** One line per known contact, each naming its offer, so none is taken for a contact it is not. */
function contactLines(contacts: readonly OfferContact[]): string[] {
  return contacts.map((c) => messages.contactOffer(c.label, contactMarkdown(c.contact)));
}

function restartButton(): Button {
  return { title: messages.buttonRestart, payload: { action: 'restart' } };
}
