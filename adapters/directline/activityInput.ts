import type { Activity, Attachment, Entity } from 'botbuilder';

/** Activity types a Direct Line client may post; everything else is refused. */
export const CLIENT_ACTIVITY_TYPES = ['message', 'event', 'typing'] as const;
/** Longest message text; the bot reads its first 1,000 characters and says so (a 20,000-character text is 20–60 KB of JSON). */
export const MAX_TEXT_CHARS = 20_000;
const MAX_SHORT_STRING = 200;
const MAX_LIST_ITEMS = 20;
const TEXT_FORMATS = ['plain', 'markdown', 'xml'];

/** The fields of a client activity the endpoint passes on; identity fields are set by the server, never by the client. */
export type ClientActivity = Pick<
  Partial<Activity>,
  'type' | 'text' | 'textFormat' | 'locale' | 'value' | 'name' | 'attachments' | 'channelData' | 'entities' | 'replyToId' | 'localTimezone'
> & { readonly type: (typeof CLIENT_ACTIVITY_TYPES)[number]; readonly localTimestamp?: Date };

export type ActivityInput =
  | { readonly kind: 'ok'; readonly activity: ClientActivity }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

/**
 * Checks a posted activity. Pure. Reports every problem at once; unknown fields are
 * ignored (clients add their own), identity fields (`from`, `conversation`, `id`) are
 * dropped because the token decides them.
 */
export function parseClientActivity(body: unknown): ActivityInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { kind: 'invalid', problems: ['the body must be a JSON object (Content-Type: application/json)'] };
  }
  const problems: string[] = [];
  const field = (name: string): unknown => (name in body ? Reflect.get(body, name) : undefined);

  const type = field('type');
  const knownType = CLIENT_ACTIVITY_TYPES.find((allowed) => allowed === type);
  if (!knownType) problems.push(`type must be one of ${CLIENT_ACTIVITY_TYPES.join(', ')}`);

  const text = optionalString(field('text'), 'text', MAX_TEXT_CHARS, problems);
  const textFormat = optionalString(field('textFormat'), 'textFormat', MAX_SHORT_STRING, problems);
  if (textFormat !== undefined && !TEXT_FORMATS.includes(textFormat)) problems.push(`textFormat must be one of ${TEXT_FORMATS.join(', ')}`);
  const locale = optionalString(field('locale'), 'locale', MAX_SHORT_STRING, problems);
  const name = optionalString(field('name'), 'name', MAX_SHORT_STRING, problems);
  const replyToId = optionalString(field('replyToId'), 'replyToId', MAX_SHORT_STRING, problems);
  const localTimezone = optionalString(field('localTimezone'), 'localTimezone', MAX_SHORT_STRING, problems);
  const localTimestampText = optionalString(field('localTimestamp'), 'localTimestamp', MAX_SHORT_STRING, problems);
  const localTimestamp = localTimestampText === undefined ? undefined : new Date(localTimestampText);
  if (localTimestamp && Number.isNaN(localTimestamp.getTime())) problems.push('localTimestamp must be an ISO 8601 date');

  const channelData = field('channelData');
  if (channelData !== undefined && (typeof channelData !== 'object' || channelData === null || Array.isArray(channelData))) {
    problems.push('channelData must be an object');
  }
  const attachments = optionalList(field('attachments'), 'attachments', 'contentType', isAttachment, problems);
  const entities = optionalList(field('entities'), 'entities', 'type', isEntity, problems);

  if (problems.length > 0 || !knownType) return { kind: 'invalid', problems };
  const activity: ClientActivity = {
    type: knownType,
    ...(text !== undefined && { text }),
    ...(textFormat !== undefined && { textFormat }),
    ...(locale !== undefined && { locale }),
    ...(field('value') !== undefined && { value: field('value') }),
    ...(name !== undefined && { name }),
    ...(attachments !== undefined && { attachments }),
    ...(channelData !== undefined && { channelData }),
    ...(entities !== undefined && { entities }),
    ...(replyToId !== undefined && { replyToId }),
    ...(localTimezone !== undefined && { localTimezone }),
    ...(localTimestamp !== undefined && { localTimestamp }),
  };
  return { kind: 'ok', activity };
}

function optionalString(value: unknown, name: string, max: number, problems: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    problems.push(`${name} must be a string`);
    return undefined;
  }
  if (value.length > max) problems.push(`${name} must be at most ${max} characters`);
  return value;
}

function optionalList<T>(
  value: unknown, name: string, required: string, isItem: (item: unknown) => item is T, problems: string[],
): T[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    problems.push(`${name} must be a list`);
    return undefined;
  }
  if (value.length > MAX_LIST_ITEMS) problems.push(`${name} must have at most ${MAX_LIST_ITEMS} items`);
  const items = value.filter(isItem);
  if (items.length !== value.length) problems.push(`every item of ${name} must be an object with a string "${required}"`);
  return items;
}

function isAttachment(item: unknown): item is Attachment {
  return typeof item === 'object' && item !== null && 'contentType' in item && typeof item.contentType === 'string';
}

function isEntity(item: unknown): item is Entity {
  return typeof item === 'object' && item !== null && 'type' in item && typeof item.type === 'string';
}
