import { CardFactory, type Attachment } from 'botbuilder';
import type { FaqEntry } from '../knowledge/index.js';
import { answerBlocks, answerMarkdown, blockMarkdown, contactMarkdown, linksMarkdown, needsContactLine, outdatedNotice } from './answerRendering.js';
import type { AnswerTrust } from './answerTrust.js';
import { frenchSpacing } from './frenchTypography.js';
import { messages } from './messages.js';
import { toCardData, type FaqPayload } from './payload.js';

/**
 * Adaptive Cards 1.5 builders. Buttons are `Action.Submit`, which Web Chat and
 * Teams (personal, group chat, channel) both deliver as a message whose
 * `value` is the button's `data`; suggested actions are avoided because Teams
 * shows them unreliably.
 */
export const ADAPTIVE_CARD_VERSION = '1.5';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** The subset of an Adaptive Card TextBlock the bot uses. */
export interface TextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  /** Always true: answers are long and Teams cuts unwrapped text. */
  readonly wrap: true;
  readonly weight?: 'Bolder';
  readonly size?: 'Medium';
  readonly style?: 'heading';
  readonly isSubtle?: boolean;
  readonly spacing?: 'Small' | 'Medium';
}

/** A button that posts its `data` back as the message `value` (Web Chat and Teams alike). */
export interface SubmitAction {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly data: Record<string, unknown>;
}

/** Buttons placed inside the body, so that text can follow them (« Ce n’est pas votre question ? » after the list). */
export interface ActionSet {
  readonly type: 'ActionSet';
  readonly actions: readonly SubmitAction[];
}

/** The card as sent: body blocks, bottom buttons and a Markdown `fallbackText` for clients without cards. */
export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: string;
  readonly version: string;
  readonly body: readonly (TextBlock | ActionSet)[];
  readonly actions?: readonly SubmitAction[];
  readonly fallbackText?: string;
}

/** A card button: its visible title and what it sends back. */
export interface Button {
  readonly title: string;
  readonly payload: FaqPayload;
}

/**
 * Some text blocks followed by buttons: clarifying questions, results,
 * "Vouliez-vous dire…", fallbacks. Texts in `after` come below the buttons
 * (the buttons then sit in the body, in an ActionSet).
 */
export function buttonsCard(texts: readonly string[], buttons: readonly Button[], after: readonly string[] = []): Attachment {
  const body = texts.map((text, i) => textBlock(text, i === 0 ? { weight: 'Bolder' } : {}));
  const fallbackText = [...texts, ...buttons.map((button) => `- ${button.title}`), ...after].join('\n\n');
  if (after.length === 0) return attachment({ ...cardShell(), body, actions: buttons.map(submit), fallbackText });
  const actionSet: ActionSet = { type: 'ActionSet', actions: buttons.map(submit) };
  return attachment({ ...cardShell(), body: [...body, actionSet, ...after.map((text) => textBlock(text, { spacing: 'Medium' }))], fallbackText });
}

/**
 * The answer: the matched question as a heading, a notice when its review is
 * too old, the verbatim answer (lists as Markdown lists), the missing-figure
 * note, the contact (only when the answer does not already give it: the
 * agency's words are never edited, and an address they wrote is not repeated
 * below them), the links as real links, the source and review date, then the
 * seed's feedback question with 👍 / 👎. Web Chat and Teams get the same card.
 */
export function answerCard(entry: FaqEntry, turn: number, trust: AnswerTrust): Attachment {
  const body: TextBlock[] = [textBlock(frenchSpacing(entry.question), { weight: 'Bolder', size: 'Medium', style: 'heading' })];
  if (trust.outdated) body.push(textBlock(outdatedNotice(trust), { weight: 'Bolder', spacing: 'Small' }));
  body.push(...answerBlocks(entry.answer).map((block) => textBlock(blockMarkdown(block), { spacing: 'Small' })));
  if (entry.missingFigure) body.push(textBlock(messages.missingFigure, { isSubtle: true }));
  if (needsContactLine(entry)) body.push(textBlock(messages.contactLine(contactMarkdown(entry.contact)), { spacing: 'Medium' }));
  if (entry.links.length > 0) {
    body.push(textBlock(messages.answerLinks, { spacing: 'Medium' }), textBlock(linksMarkdown(entry.links), { spacing: 'Small' }));
  }
  body.push(textBlock(messages.answerSource(trust.reviewedLabel), { isSubtle: true, spacing: 'Medium' }));
  body.push(textBlock(messages.feedbackQuestion, { weight: 'Bolder', spacing: 'Medium' }));
  return attachment({
    ...cardShell(),
    body,
    actions: [
      submit({ title: messages.thumbsUp, payload: { action: 'vote', helpful: true, turn } }),
      submit({ title: messages.thumbsDown, payload: { action: 'vote', helpful: false, turn } }),
    ],
    fallbackText: answerMarkdown(entry, trust),
  });
}

function cardShell(): Pick<AdaptiveCard, 'type' | '$schema' | 'version'> {
  return { type: 'AdaptiveCard', $schema: ADAPTIVE_CARD_SCHEMA, version: ADAPTIVE_CARD_VERSION };
}

function textBlock(text: string, options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

function submit(button: Button): SubmitAction {
  return { type: 'Action.Submit', title: button.title, data: toCardData(button.payload) };
}

function attachment(card: AdaptiveCard): Attachment {
  return CardFactory.adaptiveCard(card);
}
