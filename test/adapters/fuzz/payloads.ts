import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';

/**
 * Generators of hostile and careless request bodies and headers, shared by the fuzz
 * test (`npm test`) and the fuzz benchmark (`npm run bench -- --robustness`).
 */

/** Compressed bodies that inflate far beyond any route's limit. */
export interface Bombs {
  /** About 50 KiB of gzip inflating to 50 MiB: under the compressed limit, stopped while inflating. */
  readonly small: Buffer;
  /** About 400 KiB of gzip inflating to 400 MiB: refused on its compressed size. */
  readonly big: Buffer;
}

export function makeBombs(): Bombs {
  // gzip allows concatenated members: eight copies of one 50 MiB member make the 400 MiB bomb without 400 MiB here.
  const member = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20), { level: 9 });
  return { small: member, big: Buffer.concat(Array.from({ length: 8 }, () => member)) };
}

/** An activity whose `value` is arrays nested `depth` levels deep. */
export function deepValue(depth: number): string {
  return `{"type":"message","value":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

/** An activity whose `value` is objects nested `depth` levels deep. */
export function deepObjectValue(depth: number): string {
  return `{"type":"message","value":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
}

const anyJson = fc.jsonValue({ maxDepth: 5 });
const text = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('Qu’est-ce que le MOS ?', 'menu', 'aide', '👍', '', ' ', '\u0000', '<script>alert(1)</script>'),
  fc.integer({ min: 1, max: 25_000 }).map((n) => 'é'.repeat(n)),
);
const activityType = fc.oneof(
  fc.constantFrom('message', 'event', 'typing', 'invoke', 'conversationUpdate', 'endOfConversation', 'messageReaction', 'installationUpdate'),
  fc.string({ maxLength: 20 }),
);

/** Activity-shaped objects with every field optional and of any type now and then. */
export function activityLike(extra: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      type: fc.oneof({ weight: 5, arbitrary: activityType }, { weight: 1, arbitrary: anyJson }),
      text: fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: anyJson }),
      value: anyJson,
      name: fc.oneof(fc.string({ maxLength: 300 }), anyJson),
      channelData: fc.oneof(fc.dictionary(fc.string({ maxLength: 20 }), anyJson, { maxKeys: 8 }), anyJson),
      attachments: fc.oneof(fc.array(fc.record({ contentType: fc.string({ maxLength: 50 }), content: anyJson }), { maxLength: 25 }), anyJson),
      entities: fc.oneof(fc.array(fc.record({ type: fc.string({ maxLength: 30 }) }), { maxLength: 25 }), anyJson),
      locale: fc.oneof(fc.constantFrom('fr-FR', 'en-US'), fc.string({ maxLength: 300 })),
      textFormat: fc.oneof(fc.constantFrom('plain', 'markdown', 'xml'), fc.string({ maxLength: 10 })),
      replyToId: fc.string({ maxLength: 300 }),
      localTimestamp: fc.oneof(fc.date({ noInvalidDate: true }).map((date) => date.toISOString()), fc.string({ maxLength: 40 })),
      from: anyJson,
      conversation: anyJson,
      membersAdded: fc.oneof(fc.array(fc.record({ id: fc.string({ maxLength: 20 }) }), { maxLength: 5 }), anyJson),
      ...extra,
    },
    { requiredKeys: [] },
  );
}

/** What Web Chat posts: a message, or a card button's submit, well formed but with any text or value. */
export const webChatPost: fc.Arbitrary<Record<string, unknown>> = fc.record({
  type: fc.constant('message'),
  text: fc.option(text, { nil: undefined }),
  value: fc.option(fc.oneof(
    fc.record({ faq: fc.constant(1), action: fc.constantFrom('choose', 'answer', 'vote', 'none', 'skip', 'restart', 'ask', 'contact'),
      turn: fc.nat(50), helpful: fc.boolean(), id: fc.string({ maxLength: 40 }), facet: fc.string({ maxLength: 20 }), value: fc.string({ maxLength: 40 }) },
    { requiredKeys: ['faq', 'action'] }),
    anyJson,
  ), { nil: undefined }),
  locale: fc.constant('fr-FR'),
  textFormat: fc.constant('plain'),
  channelData: fc.record({ clientActivityID: fc.string({ maxLength: 30 }), clientTimestamp: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()) }),
  entities: fc.constant([{ type: 'ClientCapabilities', requiresBotState: true, supportsListening: true, supportsTts: true }]),
}, { requiredKeys: ['type', 'locale', 'textFormat', 'channelData'] });

/** A JSON body as text: mostly activity-like, sometimes any JSON, deep nesting, or not JSON at all. */
export function bodyText(
  activity: fc.Arbitrary<Record<string, unknown>> = fc.oneof({ weight: 3, arbitrary: webChatPost }, { weight: 1, arbitrary: activityLike() }),
): fc.Arbitrary<string | Buffer> {
  return fc.oneof(
    { weight: 10, arbitrary: activity.map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: anyJson.map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: fc.integer({ min: 20, max: 60 }).map((depth) => deepValue(depth)) },
    { weight: 1, arbitrary: fc.constantFrom(5_000, 20_000, 100_000).map(deepObjectValue) },
    { weight: 1, arbitrary: fc.constantFrom(5_000, 20_000).map((depth) => deepValue(depth)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 500 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.constant('') },
  );
}

/** How the body travels: its Content-Encoding and the bytes actually sent. */
export function encoded(body: fc.Arbitrary<string | Buffer>, bombs: Bombs): fc.Arbitrary<{ readonly headers: Record<string, string>; readonly bytes: Buffer }> {
  const plain = body.map((value) => ({ headers: {}, bytes: Buffer.from(value) }));
  return fc.oneof(
    { weight: 12, arbitrary: plain },
    { weight: 2, arbitrary: body.map((value) => ({ headers: { 'Content-Encoding': 'gzip' }, bytes: gzipSync(value) })) },
    { weight: 2, arbitrary: body.map((value) => ({ headers: { 'Content-Encoding': 'deflate' }, bytes: deflateSync(value) })) },
    { weight: 2, arbitrary: body.map((value) => ({ headers: { 'Content-Encoding': 'gzip' }, bytes: Buffer.from(value) })) },
    { weight: 1, arbitrary: fc.constant({ headers: { 'Content-Encoding': 'gzip' }, bytes: bombs.small }) },
    { weight: 1, arbitrary: fc.constant({ headers: { 'Content-Encoding': 'gzip' }, bytes: bombs.big }) },
    {
      weight: 1,
      arbitrary: fc.tuple(body, fc.constantFrom('br', 'gzip, gzip', 'x-gzip', 'compress', 'identity', 'GZIP', '__proto__', 'gzip;q=1'))
        .map(([value, coding]) => ({ headers: { 'Content-Encoding': coding }, bytes: Buffer.from(value) })),
    },
  );
}

/** Content-Type headers, right and wrong. */
export const contentType: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 10, arbitrary: fc.constant({ 'Content-Type': 'application/json' }) },
  { weight: 2, arbitrary: fc.constant({ 'Content-Type': 'application/json; charset=utf-8' }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=iso-8859-1', 'multipart/form-data', '*/*')
      .map((type) => ({ 'Content-Type': type })),
  },
  { weight: 1, arbitrary: fc.constant({}) },
);

/** Headers a proxy or a spoofing client adds. */
export const proxyHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.ipV4().map((ip) => ({ 'X-Forwarded-For': ip })) },
  { weight: 1, arbitrary: fc.ipV4().map((ip) => ({ Forwarded: `for=${ip};proto=https` })) },
  { weight: 1, arbitrary: fc.constantFrom('https', 'http', 'gopher', '').map((proto) => ({ 'X-Forwarded-Proto': proto })) },
);

/** Watermarks in query strings, valid and not. */
export const watermark: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.nat(20).map(String),
  fc.constantFrom('', '-1', 'abc', '1e3', '9'.repeat(16), '0x10', String(Date.now() + 1e9), '999999999999999'),
  fc.string({ maxLength: 30 }),
);
