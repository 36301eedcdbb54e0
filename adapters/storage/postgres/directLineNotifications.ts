import type { Activity } from 'botbuilder';
import { activityIdOf } from './directLineSql.js';

/**
 * Largest notification that carries its activity, in bytes: well below NOTIFY's 8,000-byte limit. A larger
 * activity (a long answer) is notified by its ids and read back from the table by the instances that stream it.
 */
export const MAX_CARRYING_NOTIFICATION_BYTES = 7_000;
/** A notification's bytes besides the activity and the conversation id: origin, sequence number, separators. */
const NOTIFICATION_HEADER_BYTES = 40;
/** A notification's payload: origin, sequence number, conversation. */
const NOTIFICATION = /^(\S+) (\d+) (.+)$/s;
/** A notification that carries its activity: origin, sequence number, then the activity and the conversation (APPEND_SQL). */
const CARRYING = /^(\S+)\+ (\d+) /;
/** A notification of an activity that is not stored ({@link ephemeralNotification}): origin, then the activity and the conversation. */
const EPHEMERAL = /^(\S+)~ /;

/** What a notification asks of this instance's streams. */
export type NotificationRead =
  | { readonly kind: 'none' }
  /** Read the conversation's new activities from the table (from `seq` when known). */
  | { readonly kind: 'wake'; readonly conversationId: string; readonly seq?: number }
  /** Hand over the activity it carried, with its id. */
  | { readonly kind: 'offer'; readonly conversationId: string; readonly seq: number; readonly activity: Partial<Activity> }
  /** Hand over an activity that is not stored (a typing indicator). */
  | { readonly kind: 'ephemeral'; readonly conversationId: string; readonly activity: Partial<Activity> };

/** The payload telling the other instances' streams of an activity that is not stored; undefined when too large to notify. */
export function ephemeralNotification(origin: string, conversationId: string, activity: Partial<Activity>): string | undefined {
  const payload = `${origin}~ ${JSON.stringify(activity)}\n${conversationId}`;
  return Buffer.byteLength(payload, 'utf8') <= MAX_CARRYING_NOTIFICATION_BYTES ? payload : undefined;
}

/** Whether the notification of an activity of `bytes` on `conversationId` carries it ({@link MAX_CARRYING_NOTIFICATION_BYTES}). */
export function carries(conversationId: string, bytes: number): boolean {
  return bytes + Buffer.byteLength(conversationId, 'utf8') + NOTIFICATION_HEADER_BYTES <= MAX_CARRYING_NOTIFICATION_BYTES;
}

/**
 * Reads a notification on the Direct Line channel: nothing for this instance's own (its streams got the activity
 * directly) nor for a conversation it does not stream (every instance gets every notification, so the conversation
 * is looked up before the activity is parsed); an activity it carries is handed over, ids alone wake the streams.
 */
export function readNotification(payload: string, origin: string, streamed: (conversationId: string) => boolean): NotificationRead {
  const ephemeral = EPHEMERAL.exec(payload);
  if (ephemeral) {
    const body = ephemeral[1] === origin ? undefined : carried(payload, ephemeral[0].length, streamed);
    const activity = body && parseActivity(body.json);
    return body === undefined || activity === undefined ? { kind: 'none' } : { kind: 'ephemeral', conversationId: body.conversationId, activity };
  }
  const carrying = CARRYING.exec(payload);
  if (carrying) {
    const body = carrying[1] === origin ? undefined : carried(payload, carrying[0].length, streamed);
    if (body === undefined) return { kind: 'none' };
    const { conversationId } = body;
    const seq = Number(carrying[2]);
    const activity = parseActivity(body.json);
    // Not an activity (not this version's notification): read it from the table.
    if (activity === undefined) return { kind: 'wake', conversationId, seq };
    return { kind: 'offer', conversationId, seq, activity: { ...activity, id: activityIdOf(conversationId, seq) } };
  }
  const match = NOTIFICATION.exec(payload);
  // A bare conversation id: an instance of the previous version, during a rolling deployment.
  if (!match) return { kind: 'wake', conversationId: payload };
  return match[1] === origin ? { kind: 'none' } : { kind: 'wake', conversationId: match[3], seq: Number(match[2]) };
}

/**
 * The activity's JSON and the conversation of a notification that carries it (after a header of `headerLength`), when
 * this instance streams that conversation; undefined otherwise.
 */
function carried(payload: string, headerLength: number, streamed: (conversationId: string) => boolean): { conversationId: string; json: string } | undefined {
  const end = payload.indexOf('\n', headerLength);
  const conversationId = payload.slice(end + 1);
  return end < 0 || !streamed(conversationId) ? undefined : { conversationId, json: payload.slice(headerLength, end) };
}

/** The activity of a notification, or undefined when it is not a JSON object. */
function parseActivity(json: string): Partial<Activity> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}
