import { CardFactory, type Attachment } from 'botbuilder';
import type { FaqEntry } from '../knowledge/index.js';
import { answerBlocks, answerMarkdown, blockMarkdown, contactMarkdown } from './answerRendering.js';
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

/** A link button (the answer's web links). */
export interface OpenUrlAction {
  readonly type: 'Action.OpenUrl';
  readonly title: string;
  readonly url: string;
}

/** Buttons placed inside the body, so links sit with the answer and above the feedback question. */
export interface ActionSet {
  readonly type: 'ActionSet';
  readonly actions: readonly (SubmitAction | OpenUrlAction)[];
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

/** Some text blocks followed by buttons: clarifying questions, results, "Vouliez-vous dire…", fallbacks. */
export function buttonsCard(texts: readonly string[], buttons: readonly Button[]): Attachment {
  const body = texts.map((text, i) => textBlock(text, i === 0 ? { weight: 'Bolder' } : {}));
  return attachment({
    ...cardShell(),
    body,
    actions: buttons.map(submit),
    fallbackText: [...texts, ...buttons.map((button) => `- ${button.title}`)].join('\n\n'),
  });
}

/**
 * The answer: the matched question as a heading, the verbatim answer (lists as
 * Markdown lists), the missing-figure note, the contact and links, then the
 * seed's feedback question with 👍 / 👎.
 */
export function answerCard(entry: FaqEntry, turn: number): Attachment {
  const body: (TextBlock | ActionSet)[] = [
    textBlock(entry.question, { weight: 'Bolder', size: 'Medium', style: 'heading' }),
    ...answerBlocks(entry.answer).map((block) => textBlock(blockMarkdown(block), { spacing: 'Small' })),
  ];
  if (entry.missingFigure) body.push(textBlock(messages.missingFigure, { isSubtle: true }));
  if (entry.contact) body.push(textBlock(messages.contactLine(contactMarkdown(entry.contact)), { spacing: 'Medium' }));
  if (entry.links.length > 0) {
    body.push({ type: 'ActionSet', actions: entry.links.map((link) => ({ type: 'Action.OpenUrl', title: link.label, url: link.url })) });
  }
  body.push(textBlock(messages.feedbackQuestion, { weight: 'Bolder', spacing: 'Medium' }));
  return attachment({
    ...cardShell(),
    body,
    actions: [
      submit({ title: messages.thumbsUp, payload: { action: 'vote', helpful: true, turn } }),
      submit({ title: messages.thumbsDown, payload: { action: 'vote', helpful: false, turn } }),
    ],
    fallbackText: answerMarkdown(entry),
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
