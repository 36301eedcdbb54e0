/** Reads what a captured bot activity shows: the Adaptive Card, its texts and its buttons. */
import type { Activity } from 'botbuilder';
import { isRecord } from '../../../../knowledge/index.js';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface CardButton {
  readonly type: string;
  readonly title: string;
  readonly data?: Record<string, unknown>;
  readonly url?: string;
}

export interface ShownCard {
  readonly version: string;
  readonly texts: readonly string[];
  readonly buttons: readonly CardButton[];
}

/** The Adaptive Card of a message, or undefined when it carries none. */
export function cardOf(activity: Partial<Activity>): ShownCard | undefined {
  const attachment = activity.attachments?.find((a) => a.contentType === ADAPTIVE_CARD);
  const content: unknown = attachment?.content;
  if (!isRecord(content)) return undefined;
  const texts: string[] = [];
  const buttons: CardButton[] = [];
  collect(content, texts, buttons);
  return { version: String(content.version), texts, buttons };
}

function collect(node: unknown, texts: string[], buttons: CardButton[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, texts, buttons);
    return;
  }
  if (!isRecord(node)) return;
  if (node.type === 'TextBlock' && typeof node.text === 'string') texts.push(node.text);
  if (typeof node.type === 'string' && node.type.startsWith('Action.') && typeof node.title === 'string') {
    buttons.push({
      type: node.type,
      title: node.title,
      ...(isRecord(node.data) && { data: node.data }),
      ...(typeof node.url === 'string' && { url: node.url }),
    });
  }
  for (const key of ['body', 'actions', 'items', 'columns']) collect(node[key], texts, buttons);
}

