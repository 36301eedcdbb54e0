import type { Activity } from 'botbuilder';
import { isRecord } from '../../../knowledge/index.js';

/** What transcripts look at in a bot activity, read without down-casts. */
export interface CardView {
  readonly texts: string[];
  readonly buttons: { readonly title: string; readonly data: unknown }[];
}


function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The Adaptive Cards of an activity: text blocks (incl. inside action sets) and buttons. */
export function cardsOf(activity: Partial<Activity>): CardView[] {
  return (activity.attachments ?? []).flatMap((attachment) => {
    const content: unknown = attachment.content;
    if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive' || !isRecord(content)) return [];
    const texts: string[] = [];
    const buttons: { title: string; data: unknown }[] = [];
    const readActions = (actions: unknown): void => {
      for (const action of asArray(actions)) {
        if (isRecord(action) && typeof action.title === 'string') buttons.push({ title: action.title, data: action.data ?? action.url });
      }
    };
    for (const element of asArray(content.body)) {
      if (!isRecord(element)) continue;
      if (element.type === 'TextBlock' && typeof element.text === 'string') texts.push(element.text.replace(/\r/g, '\n'));
      if (element.type === 'ActionSet') readActions(element.actions);
    }
    readActions(content.actions);
    return [{ texts, buttons }];
  });
}

/** Everything a user would read in an activity: its text and its cards' text. */
export function readableText(activity: Partial<Activity>): string {
  return [activity.text ?? '', ...cardsOf(activity).flatMap((card) => card.texts)].filter((text) => text !== '').join('\n');
}

/** Whether the activity is an answer card (it carries the 👍 / 👎 vote buttons). */
export function isAnswer(activity: Partial<Activity>): boolean {
  return cardsOf(activity).some((card) => card.buttons.some((b) => isRecord(b.data) && b.data.action === 'vote'));
}
