import type { Activity } from 'botbuilder';
import { isRecord } from '../knowledge/index.js';

/** Account-like fields of an activity: objects with a string `id` when present. */
const ACCOUNT_FIELDS = ['from', 'recipient', 'conversation'] as const;
/** String fields botbuilder reads without checking their type. */
const STRING_FIELDS = ['channelId', 'id', 'replyToId', 'text'] as const;

/**
 * What is wrong with a body posted to /api/messages, before botbuilder sees
 * it. Pure. botbuilder answers some malformed activities with a 500 carrying
 * its internal error text; checking the fields it relies on turns those into
 * a 400 that says what to fix. Empty when the shape is usable.
 */
export function channelActivityProblems(body: unknown): string[] {
  if (!isRecord(body)) return ['the body must be a JSON object (a Bot Framework activity)'];
  const problems: string[] = [];
  if (typeof body.type !== 'string' || body.type === '') problems.push('type must be a non-empty string');
  for (const name of ACCOUNT_FIELDS) {
    const value = body[name];
    // Every turn's state is keyed by the conversation: it is the one required account.
    const required = name === 'conversation';
    if ((required || value !== undefined) && !(isRecord(value) && typeof value.id === 'string')) {
      problems.push(`${name} must be an object with a string id`);
    }
  }
  for (const name of STRING_FIELDS) {
    if (body[name] !== undefined && typeof body[name] !== 'string') problems.push(`${name} must be a string`);
  }
  // Replies go to serviceUrl: every channel sends one, and botbuilder cannot answer without it.
  if (typeof body.serviceUrl !== 'string' || !/^https?:\/\//i.test(body.serviceUrl) || !URL.canParse(body.serviceUrl)) {
    problems.push('serviceUrl must be an http(s) URL');
  }
  return problems;
}

/**
 * Whether a body passed {@link channelActivityProblems}: the fields botbuilder relies on
 * are there. botbuilder's Activity type declares more required fields than any channel
 * sends (label, valueType…); botbuilder itself accepts any object as an activity.
 */
export function isChannelActivity(body: unknown): body is Activity {
  return channelActivityProblems(body).length === 0;
}
